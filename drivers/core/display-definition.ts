import { type Static, type TObject, type TProperties, Type } from '@sinclair/typebox';
import { displayCapabilities } from './capabilities.js';
import type { DeviceBaseConfig, DeviceDriver, DriverContext, DriverDefinition } from './definition.js';
import { displayInputs, type LocalizedText, namedInputsConfig } from './localized-text.js';

/** A display's `inputs` config as validated: a list of input names, or names mapped to what people call them. */
type DisplayInputsConfig = readonly string[] | Record<string, LocalizedText> | undefined;

/**
 * What a display driver says of itself. Everything else is the same for every display with
 * named inputs: its kind, the power/input/volume/mute/status capabilities, the config's
 * `inputs` field and the device's own input list from it, and a watchdog every 5 s.
 */
interface DisplayDriverSpec<F extends TProperties> extends Omit<DriverDefinition, 'kind' | 'config' | 'capabilities' | 'capabilitiesFor' | 'create'> {
  /** The driver's own config fields; `inputs` is added. */
  fields: F;
  /** The display's input names, and the brand whose names they are (for the config's words). */
  inputs: { brand: string; names: readonly string[] };
  /** What the `status` action reads on this display, for the listing. */
  statusReads: string;
  create(config: Static<TObject<F>> & DeviceBaseConfig, ctx: DriverContext): DeviceDriver;
}

/**
 * A display definition from what is its own; see `DisplayDriverSpec`. The host validates a
 * device's config against `config` before it calls `create` or `capabilitiesFor`, which is
 * what the two casts below rely on.
 */
export function defineDisplayDriver<F extends TProperties>(spec: DisplayDriverSpec<F>): DriverDefinition {
  const { fields, inputs, statusReads, create, ...own } = spec;
  const properties: TProperties = { ...fields, inputs: namedInputsConfig(inputs.brand, inputs.names) };
  return {
    kind: 'display',
    ...own,
    config: Type.Object(properties, { additionalProperties: false }),
    capabilities: displayCapabilities({ inputs: inputs.names }, statusReads),
    capabilitiesFor: (config) => [...displayCapabilities(displayInputs(config.inputs as DisplayInputsConfig, inputs.names), statusReads)],
    create: (config, ctx) => create(config as Static<TObject<F>> & DeviceBaseConfig, ctx),
  };
}
