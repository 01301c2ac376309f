import { everyQuirkProfile } from './every-quirk-profile.js';

everyQuirkProfile('biamp-tesira');
