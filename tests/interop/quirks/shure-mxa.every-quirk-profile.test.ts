import { everyQuirkProfile } from './every-quirk-profile.js';

everyQuirkProfile('shure-mxa');
