import { describe, expect, it } from 'vitest';
import type { RoomctlError } from '../../drivers/core/errors.js';
import { renderLaunch, validatePipelineSpec } from './launch-render.js';
import { caps, el, ref, type PipelineSpec } from './pipeline-spec.js';

const rtsp = (location: string): PipelineSpec => ({ chains: [[el('rtspsrc', { location, latency: 100 }), el('rtph264depay'), el('fakesink')]] });

function refusal(spec: unknown): RoomctlError {
  try {
    renderLaunch(spec);
  } catch (err) {
    return err as RoomctlError;
  }
  throw new Error('expected the spec to be refused');
}

describe('renderLaunch', () => {
  it('writes chains, named elements, caps and tee branches', () => {
    const spec: PipelineSpec = {
      chains: [
        [
          el('videotestsrc', { 'is-live': true, pattern: 'ball' }),
          caps('video/x-raw', { width: 320, height: 180, framerate: { num: 30, den: 1 } }),
          el('tee', {}, 't'),
        ],
        [ref('t'), el('queue', { leaky: 'downstream', 'max-size-buffers': 2 }), el('fakesink', { sync: false })],
      ],
    };
    expect(renderLaunch(spec)).toBe(
      'videotestsrc is-live=true pattern="ball" ! video/x-raw,width=(int)320,height=(int)180,framerate=(fraction)30/1 ! tee name=t  t. ! queue leaky="downstream" max-size-buffers=2 ! fakesink sync=false',
    );
  });

  it('quotes a camera URI', () => {
    expect(renderLaunch(rtsp('rtsp://10.0.0.21:554/stream1?profile=main&x=1'))).toContain('location="rtsp://10.0.0.21:554/stream1?profile=main&x=1"');
  });

  it.each([
    ['an injected element', 'rtsp://cam/x ! filesink location=/etc/x'],
    ['a quote', 'rtsp://cam/x" ! filesink location="/etc/x'],
    ['a newline', 'rtsp://cam/x\nfilesink'],
    ['a backslash', 'rtsp://cam/x\\'],
    ['another scheme', 'file:///etc/passwd'],
    ['no host', 'rtsp:///x'],
  ])('refuses a URI with %s', (_what, uri) => {
    const error = refusal(rtsp(uri));
    expect(error.code).toBe('ROOMCTL_E_MEDIA_REJECTED');
    expect(error.message).toContain('chains.0.0.props.location');
  });

  it('refuses elements and properties outside the catalog', () => {
    expect(validatePipelineSpec({ chains: [[el('filesink', { location: '/etc/x' })]] })).toEqual([
      { path: 'chains.0.0.factory', message: 'element "filesink" is not allowed' },
    ]);
    expect(validatePipelineSpec({ chains: [[el('fakesink', { dump: true })]] })[0]?.message).toBe('is not an allowed property of fakesink');
    expect(validatePipelineSpec({ chains: [[el('queue', { leaky: 'sideways' })]] })[0]?.message).toMatch(/must be one of/);
    expect(validatePipelineSpec({ chains: [[el('jpegenc', { quality: 101 })]] })[0]?.message).toBe('must be between 1 and 100');
    expect(validatePipelineSpec({ chains: [[el('constructor')]] })[0]?.message).toMatch(/not allowed/);
  });

  it('refuses names and references that do not hold together', () => {
    const dup = { chains: [[el('tee', {}, 't'), el('fakesink', {}, 't')]] };
    expect(validatePipelineSpec(dup)[0]?.message).toBe('"t" is used twice');
    expect(validatePipelineSpec({ chains: [[ref('nobody'), el('fakesink')]] })[0]?.message).toMatch(/no element is called/);
    expect(validatePipelineSpec({ chains: [[el('fakesink', {}, 'A; rm -rf')]] })[0]?.path).toMatch(/^spec.chains.0.0/);
  });

  it('keeps recordings to plain paths', () => {
    const rec = (location: string) => ({ chains: [[el('videotestsrc'), el('splitmuxsink', { location })]] });
    expect(validatePipelineSpec(rec('/var/lib/roomctl/recordings/rec-1/part-%05d.mp4'))).toEqual([]);
    expect(validatePipelineSpec(rec('/var/lib/roomctl/../../etc/part-%05d.mp4'))[0]?.message).toMatch(/\.\. segments/);
    expect(validatePipelineSpec(rec('relative/part-%05d.mp4'))[0]?.message).toMatch(/absolute/);
    expect(validatePipelineSpec(rec('/tmp/%s%s%n.mp4'))[0]?.message).toMatch(/plain path/);
  });
});
