import type { AnyDriverDefinition } from './core/definition.js';
import { pjlinkDriver } from './pjlink/pjlink-definition.js';
import { viscaSerialDriver } from './visca/visca-serial-definition.js';
import { viscaIpDriver } from './visca/visca-ip-definition.js';
import { onvifDriver } from './onvif/onvif-definition.js';
import { shureMxaDriver } from './shure-mxa/shure-mxa-definition.js';
import { tesiraDriver } from './biamp-tesira/tesira-definition.js';
import { qsysDriver } from './qsys-qrc/qsys-definition.js';
import { mdcDriver } from './samsung-mdc/mdc-definition.js';
import { lgDriver } from './lg-serial/lg-definition.js';
import { speakerphoneDriver } from './hid-speakerphone/speakerphone-definition.js';
import { badgeReaderDriver } from './hid-badge-reader/badge-reader-definition.js';
import { braviaDriver } from './sony-bravia/bravia-definition.js';
import { extronSisDriver } from './extron-sis/extron-sis-definition.js';

/** Every driver the appliance knows. A plain array: adding a driver is its import and a line here. */
export const DRIVERS: readonly AnyDriverDefinition[] = [
  viscaSerialDriver,
  pjlinkDriver,
  viscaIpDriver,
  onvifDriver,
  shureMxaDriver,
  tesiraDriver,
  qsysDriver,
  mdcDriver,
  lgDriver,
  speakerphoneDriver,
  badgeReaderDriver,
  braviaDriver,
  extronSisDriver,
];
