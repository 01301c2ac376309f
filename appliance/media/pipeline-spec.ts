import { Type, type Static } from '@sinclair/typebox';

/**
 * A GStreamer pipeline as data: chains of elements, caps filters and references to named
 * elements (a tee's branches, a muxer's request pads). Nothing here is text to be spliced:
 * launch-render.ts checks every factory and property against the catalog and quotes every
 * value before a launch string exists.
 */

/** GStreamer object names we hand out ourselves: short, plain, never from a user. */
const IDENTIFIER = '^[a-z][a-z0-9_-]{0,31}$';
const FACTORY = '^[a-z][a-z0-9_]{0,47}$';
const PROPERTY = '^[a-z][a-z0-9-]{0,47}$';

export const PropertyValue = Type.Union([Type.String({ maxLength: 4096 }), Type.Number(), Type.Boolean()]);

export const ElementNode = Type.Object(
  {
    kind: Type.Literal('element'),
    factory: Type.String({ pattern: FACTORY }),
    name: Type.Optional(Type.String({ pattern: IDENTIFIER })),
    props: Type.Optional(Type.Record(Type.String({ pattern: PROPERTY }), PropertyValue)),
  },
  { additionalProperties: false },
);

const Fraction = Type.Object(
  { num: Type.Integer({ minimum: 0, maximum: 1000 }), den: Type.Integer({ minimum: 1, maximum: 1000 }) },
  { additionalProperties: false },
);

export const CapsNode = Type.Object(
  {
    kind: Type.Literal('caps'),
    media: Type.Union(['video/x-raw', 'image/jpeg', 'audio/x-raw', 'video/x-h264'].map((m) => Type.Literal(m))),
    width: Type.Optional(Type.Integer({ minimum: 1, maximum: 8192 })),
    height: Type.Optional(Type.Integer({ minimum: 1, maximum: 8192 })),
    framerate: Type.Optional(Fraction),
    format: Type.Optional(Type.Union(['I420', 'NV12', 'GRAY8', 'YUY2', 'S16LE', 'F32LE'].map((f) => Type.Literal(f)))),
    rate: Type.Optional(Type.Integer({ minimum: 8000, maximum: 192000 })),
    channels: Type.Optional(Type.Integer({ minimum: 1, maximum: 16 })),
  },
  { additionalProperties: false },
);

/** `name.` (any pad) or `name.pad` (a request pad such as splitmuxsink's `audio_%u`). */
const RefNode = Type.Object(
  {
    kind: Type.Literal('ref'),
    name: Type.String({ pattern: IDENTIFIER }),
    pad: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{0,23}(%u)?$' })),
  },
  { additionalProperties: false },
);

export const ChainNode = Type.Union([ElementNode, CapsNode, RefNode]);
const Chain = Type.Array(ChainNode, { minItems: 1, maxItems: 40 });
export const PipelineSpec = Type.Object({ chains: Type.Array(Chain, { minItems: 1, maxItems: 16 }) }, { additionalProperties: false });

export type ElementNode = Static<typeof ElementNode>;
export type CapsNode = Static<typeof CapsNode>;
type RefNode = Static<typeof RefNode>;
export type ChainNode = Static<typeof ChainNode>;
export type PipelineSpec = Static<typeof PipelineSpec>;
export type PropertyValue = Static<typeof PropertyValue>;

/** Small builders so plans read like the pipeline they describe. */
export const el = (factory: string, props?: Record<string, PropertyValue>, name?: string): ElementNode => {
  const node: ElementNode = { kind: 'element', factory };
  if (name) node.name = name;
  if (props && Object.keys(props).length > 0) node.props = props;
  return node;
};
export const caps = (media: CapsNode['media'], fields: Omit<CapsNode, 'kind' | 'media'> = {}): CapsNode => ({ kind: 'caps', media, ...fields });
export const ref = (name: string, pad?: string): RefNode => (pad ? { kind: 'ref', name, pad } : { kind: 'ref', name });
