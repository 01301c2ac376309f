import { Type } from '@sinclair/typebox';
import { viscaCameraCapabilities } from './visca-camera-capability.js';
import { VISCA_MODELS, VISCA_PRESET_MAX, viscaProfile, type ViscaModel } from './visca-profiles.js';

/** The `model` config field both VISCA definitions (serial and IP) offer. */
export const viscaModelConfigField = Type.Optional(
  Type.Union(
    VISCA_MODELS.map((m) => Type.Literal(m)),
    { default: 'generic', description: 'Vendor profile: speed limits, preset count and position ranges' },
  ),
);

/**
 * The capabilities of a VISCA camera, whatever its link. The schema admits the largest preset
 * any profile has; the driver narrows it to the configured model and answers
 * ROOMCTL_E_ACTION_PARAMS with the model's range. A device's listing shows its model's real
 * range (0..127 on most clones, not 0..255).
 */
export const viscaCameraListing = {
  capabilities: viscaCameraCapabilities(VISCA_PRESET_MAX),
  capabilitiesFor: (config: { model?: ViscaModel }) => [...viscaCameraCapabilities(viscaProfile(config.model).presetMax)],
};
