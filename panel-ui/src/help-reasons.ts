/**
 * What a help call can be about, as the panel offers it. The panel sends the chosen reason's
 * English words as the call's message; the fleet view words these back in its operator's
 * language (any other message stays as it was written).
 */
export const HELP_REASONS: readonly string[] = ['Display', 'Audio', 'Camera', 'Video call', 'Room', 'Other'];
