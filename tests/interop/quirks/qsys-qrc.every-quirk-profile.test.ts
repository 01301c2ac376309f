import { everyQuirkProfile } from './every-quirk-profile.js';

await everyQuirkProfile('qsys-qrc');
