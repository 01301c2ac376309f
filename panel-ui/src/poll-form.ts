import { html } from 'lit';
import { t } from './i18n.js';

/** A new poll as the chair wrote it; without options the room votes yes, no or abstain. */
interface NewPoll {
  question: string;
  options?: string[];
}

/** The fields of a new poll, the same on the panel's floor screen and in the phone's chair part. */
export function newPollFields() {
  return html`<label>${t('Question')}<input name="question" required maxlength="300" data-testid="poll-question-input" /></label>
    <label>${t('Options (comma-separated; empty: yes, no, abstain)')}<input name="options" maxlength="400" data-testid="poll-options-input" /></label>`;
}

/**
 * The new poll of a submitted form (the page does not submit it itself), or null without a
 * question. Options are split at a comma in either script or an enumeration comma (、).
 */
export function submittedPoll(event: Event): { form: HTMLFormElement; poll: NewPoll } | null {
  event.preventDefault();
  const form = event.target as HTMLFormElement;
  const data = new FormData(form);
  const question = String(data.get('question') ?? '').trim();
  const options = String(data.get('options') ?? '')
    .split(/[,，、]/)
    .map((o) => o.trim())
    .filter(Boolean);
  return question ? { form, poll: { question, ...(options.length ? { options } : {}) } } : null;
}
