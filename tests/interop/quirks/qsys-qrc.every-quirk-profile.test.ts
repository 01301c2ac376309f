import { everyQuirkProfile } from './every-quirk-profile.js';

everyQuirkProfile('qsys-qrc');
