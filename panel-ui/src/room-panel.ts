import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CheckIn, MeetingNotice, PanelInfo, RoomState } from '../../appliance/api/api-types.js';
import { ActionQueue } from './action-queue.js';
import { storeToken, type ApiClient } from './api-client.js';
import { namesAndCountToFit } from './device-health-words.js';
import { inPanelLanguage } from './device-words.js';
import { i18n, t } from './i18n.js';
import { languageButton } from './language-button.js';
import type { WarningNotice } from './meeting-warning.js';
import { PanelElement } from './panel-element.js';
import { PanelRequests } from './panel-requests.js';
import type { Screen } from './panel-events.js';
import type { PanelToast, Toast, ToastWords } from './panel-toast.js';
import { releaseNoticeWords } from './release-notice.js';
import { roomPanelStyles } from './room-panel-styles.js';
import { loadScreen } from './screen-loader.js';
import { RoomStreamController, streamUrl } from './room-stream-controller.js';
import './checkin-screen.js';
import './device-alerts.js';
import './idle-screen.js';
import './meeting-screen.js';
import './nav-bar.js';
import './panel-toast.js';
import './room-clock.js';
import { phoneReach } from './phone-reach.js';

/** A screen left alone this long goes back to the room view (and closes the admin view). */
const IDLE_RETURN_MS = 120_000;

/**
 * The panel: header (room, state, clock, language, what waits to be sent), the screen for the
 * room's state or the one a person picked, and the bar with the screens and the mute. Every
 * action a screen asks for runs through here (`PanelRequests`): one place for the network, the offline queue and toasts.
 * The less-used screens load on first use, so the first render stays small.
 */
@customElement('room-panel')
export class RoomPanel extends PanelElement {
  static override styles = roomPanelStyles;

  @property({ attribute: false }) api: ApiClient | null = null;
  @state() info: PanelInfo | null = null;
  @state() screen: Screen = 'home';
  @state() checkIns: CheckIn[] = [];
  /** The latest warning the room sent, kept as the notice: the meeting screen words it, and drops it once it no longer holds, at each of its ticks. */
  @state() warning: WarningNotice | null = null;
  @state() endedMeetingId: string | null = null;
  @state() needsPairing = false;

  // The credential is read at each (re)connect: pairing or unpairing changes it. No link before
  // the entry hands over the API client: a first try without the credential would be refused,
  // and the retry after it costs the first render a quarter of a second.
  private readonly stream = new RoomStreamController(this, () => (this.api ? streamUrl(window.location, this.api.token ?? null) : null));
  private readonly queue = new ActionQueue(() => this.requestUpdate());
  private readonly requests = new PanelRequests({
    api: () => this.api,
    connected: () => this.stream.connected,
    suspect: () => this.stream.suspect(),
    queue: this.queue,
    devices: () => this.stream.devices,
    show: (toast) => this.show(toast),
    unpaired: () => this.unpaired(),
  });
  private idleTimer: number | undefined;
  private checkInsFor = '';

  constructor() {
    super();
    this.stream.onSnapshot = () => this.resync();
    this.stream.onNotice = (notice) => this.onNotice(notice);
    // The room closes the stream of a panel it unpaired (4401); a stream refused outright
    // (a credential revoked while offline) shows as a plain close: ask who we are then.
    this.stream.onClosed = (code) => {
      if (code === 4401 && !this.needsPairing) this.unpaired();
      else if (this.api?.token && !this.needsPairing) void this.loadInfo();
    };
    this.addEventListener('panel-request', (e) => void this.requests.run(e.detail));
    this.addEventListener('navigate', (e) => this.go(e.detail));
    this.addEventListener('paired', (e) => this.paired(e.detail.token));
    this.addEventListener('pointerdown', () => this.armIdleReturn(), { capture: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearTimeout(this.idleTimer);
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // Before any snapshot: a panel without a credential gets no stream, and must learn to ask for pairing.
    if (changed.has('api') && this.api) {
      void this.loadInfo();
      this.stream.connectNow();
    }
  }

  protected override updated(): void {
    const name = this.info?.room.name ?? this.stream.status?.room.name;
    document.title = name ? `${name} · roomctl` : 'roomctl';
    const current = this.stream.now?.current;
    // Who is here: fetched when the meeting on screen changes (and on each check-in notice).
    if (current && current.id !== this.checkInsFor) {
      this.checkInsFor = current.id;
      this.checkIns = [];
      void this.loadCheckIns();
    }
  }

  override render() {
    const { status, connected, now } = this.stream;
    const devices = inPanelLanguage(this.stream.devices);
    const roomState: RoomState = now?.state ?? status?.roomState ?? 'idle';
    const stateWords: Record<RoomState, string> = { idle: t('Free'), booked: t('Booked'), in_meeting: t('In a meeting') };
    const current = now?.current ?? null;
    return html`
      <header>
        <div class="title">
          <h1 data-testid="room-name">${this.info?.room.name ?? status?.room.name ?? 'roomctl'}</h1>
          ${status || now ? html`<span class="pill state ${roomState}" data-testid="room-state">${stateWords[roomState]}</span>` : nothing}
        </div>
        ${
          this.queue.size > 0
            ? html`<span class="pill queue" role="status" data-testid="queue-badge" title=${this.queue.pending.map((a) => a.label).join(', ')}>${t('{n} waiting to send', { n: this.queue.size })}</span>`
            : nothing
        }
        <room-clock></room-clock>
        ${languageButton()}
        <panel-toast></panel-toast>
      </header>
      ${
        // An unpaired panel is answered (it has no credential for the stream yet): its screen says what to do.
        connected || this.needsPairing
          ? nothing
          : status
            ? html`<p class="banner offline" role="alert" data-testid="offline-banner">${t('Connection to the room lost. Reconnecting… What you see may be out of date.')}</p>`
            : html`<p class="banner connecting" data-testid="offline-banner">${t('Connecting to the room…')}</p>`
      }
      <main class=${connected || this.needsPairing ? '' : 'stale'}>${this.needsPairing ? html`<pair-screen .api=${this.api}></pair-screen>` : html`${this.deviceAlerts(devices)}${this.renderScreen(devices, current)}`}</main>
      ${this.needsPairing ? nothing : html`<nav-bar screen=${this.screen} .muted=${status?.mute} ?has-minutes=${current?.status === 'in_progress'}></nav-bar>`}
    `;
  }

  private renderScreen(devices: typeof this.stream.devices, current: NonNullable<typeof this.stream.now>['current']) {
    const now = this.stream.now;
    switch (this.screen) {
      case 'controls':
        return html`<controls-screen .devices=${devices} .presets=${this.info?.presets ?? []} .previewCamera=${this.info?.previewCamera ?? null} .api=${this.api}></controls-screen>`;
      case 'minutes':
        // After the end, the minutes of the meeting that just ended, until they are sent.
        return current || this.endedMeetingId
          ? html`<minutes-screen panel meeting-id=${current?.id ?? this.endedMeetingId ?? ''} .api=${this.api}></minutes-screen>`
          : html`<p>${t('No meeting is running.')}</p>`;
      case 'floor':
        return current
          ? html`<floor-screen .meeting=${current} .checkIns=${this.checkIns} .sentAt=${now?.time ?? null}></floor-screen>`
          : html`<p>${t('No meeting is running.')}</p>`;
      case 'help':
        return html`<help-screen .api=${this.api}></help-screen>`;
      case 'admin':
        return html`<admin-screen .api=${this.api}></admin-screen>`;
      case 'end':
        return html`<end-screen meeting-id=${this.endedMeetingId ?? ''} .api=${this.api}></end-screen>`;
      default:
        if (now?.state === 'in_meeting')
          return html`<meeting-screen .now=${now} .warning=${this.warning} .devices=${devices} .presets=${this.info?.presets ?? []} .call=${this.stream.status?.call} .api=${this.api}></meeting-screen>`;
        if (now?.state === 'booked')
          return html`<checkin-screen .now=${now} .checkIns=${this.checkIns} .api=${this.api} .call=${this.stream.status?.call}></checkin-screen>`;
        return html`<idle-screen .now=${now} .api=${this.api}></idle-screen>`;
    }
  }

  /** What is not working, in plain words, above the Room and Controls screens (not above help, admin, minutes). */
  private deviceAlerts(devices: typeof this.stream.devices) {
    if (this.screen !== 'home' && this.screen !== 'controls') return nothing;
    // flex: none — the screen below takes the rest of the height (main > * grows).
    return html`<device-alerts style="flex: none; margin-bottom: 0.5em" .devices=${devices} ?reported=${this.info?.faultsReported === true} ?compact=${this.screen === 'controls'}></device-alerts>`;
  }

  /** After every (re)connect: the language and pairing may have changed, and what waited goes out. */
  private resync(): void {
    void this.loadInfo();
    this.checkInsFor = '';
    if (this.queue.size > 0 && this.api) void this.queue.flush(this.api, (o) => this.requests.flushed(o));
  }

  private async loadInfo(): Promise<void> {
    if (!this.api) return;
    try {
      const info = await this.api.get<PanelInfo>('/api/v1/panel/info');
      this.info = info;
      phoneReach.set(info.phonesReach);
      i18n.setTimeZone(info.room.timezone);
      if (!i18n.chosenHere) i18n.setLocale(info.locale);
      this.needsPairing = info.credential === 'none';
      if (this.needsPairing) void import('./pair-screen.js');
    } catch {
      // Offline: the next snapshot tries again.
    }
  }

  private async loadCheckIns(): Promise<void> {
    const id = this.stream.now?.current?.id;
    if (!id || !this.api?.token) return;
    try {
      const list = await this.api.get<CheckIn[]>(`/api/v1/meetings/${encodeURIComponent(id)}/checkins`);
      if (this.stream.now?.current?.id === id) this.checkIns = list;
    } catch {
      // Shown from the meeting's count until the next change.
    }
  }

  private onNotice(notice: MeetingNotice): void {
    switch (notice.kind) {
      case 'checked-in':
        // Worded when it shows (it may wait behind others), and gone if the meeting ends first.
        this.show(() => ({ tone: 'ok', title: t('{name} checked in', { name: notice.name }) }), notice.meetingId);
        void this.loadCheckIns();
        break;
      case 'started':
        this.warning = null;
        if (this.screen === 'end') this.screen = 'home';
        break;
      case 'ended':
        this.warning = null;
        this.endedMeetingId = notice.meetingId;
        this.toasts()?.forget(notice.meetingId);
        loadScreen(
          () => import('./end-screen.js'),
          () => this.stream.connected,
        );
        this.screen = 'end';
        break;
      case 'released':
        // Freed by hand (in the check-in window or ahead of time) is not a no-show: say what happened.
        this.show({ tone: 'info', title: t('The room was released'), text: releaseNoticeWords(notice.by) });
        break;
      case 'end-warning':
      case 'agenda-warning':
      case 'speaker-warning':
        this.warning = notice;
        break;
      case 'selftest':
        if (!notice.passed)
          this.show({
            tone: 'info',
            title: t('Self-test found a problem'),
            // Two names and a count: the toast stays within the header (the admin view's Self-test lists them all).
            ...namesAndCountToFit(
              notice.failed.map((id) => (id === 'call' ? t('Online call') : (inPanelLanguage(this.stream.devices).find((d) => d.id === id)?.name ?? id))),
            ),
          });
        break;
      default:
        break;
    }
    this.requestUpdate();
  }

  private paired(token: string): void {
    if (!this.api) return;
    this.api.token = token;
    storeToken(token);
    this.needsPairing = false;
    this.show({ tone: 'ok', title: t('This panel is now paired with the room.') });
    void this.loadInfo();
    // Open the stream now with the new credential instead of at the next retry.
    this.stream.reconnect();
  }

  private unpaired(): void {
    if (this.api) this.api.token = null;
    storeToken(null);
    void import('./pair-screen.js');
    this.needsPairing = true;
    this.show({ tone: 'error', title: t('This panel was unpaired from the room.') });
  }

  private go(screen: Screen): void {
    this.screen = screen;
    const load = (code: () => Promise<unknown>) => loadScreen(code, () => this.stream.connected);
    if (screen === 'controls') load(() => import('./controls-screen.js'));
    else if (screen === 'minutes') load(() => import('./minutes-screen.js'));
    else if (screen === 'floor') load(() => import('./floor-screen.js'));
    else if (screen === 'help') load(() => import('./help-screen.js'));
    else if (screen === 'admin') load(() => import('./admin-screen.js'));
    this.armIdleReturn();
  }

  private armIdleReturn(): void {
    window.clearTimeout(this.idleTimer);
    if (this.screen === 'home') return;
    this.idleTimer = window.setTimeout(() => (this.screen = 'home'), IDLE_RETURN_MS);
  }

  private toasts(): PanelToast | null {
    return this.renderRoot.querySelector<PanelToast>('panel-toast');
  }

  private show(toast: Toast | ToastWords, meetingId?: string): void {
    // After the first render the toast element is always there; before it, wait for it.
    void this.updateComplete.then(() => this.toasts()?.show(toast, meetingId));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'room-panel': RoomPanel;
  }
}
