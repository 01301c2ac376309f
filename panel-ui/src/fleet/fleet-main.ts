/**
 * The fleet dashboard's entry: the operator's token comes from `?token=` once or from the
 * sign-in form; the rest is live from the WebSocket that <fleet-dashboard> owns.
 */
import { FleetApi } from './fleet-api.js';
import './fleet-dashboard.js';
import { takeFleetToken } from './fleet-session.js';
import { fleetLocale } from './fleet-words.js';

document.documentElement.lang = fleetLocale();
const dashboard = document.querySelector('fleet-dashboard') ?? document.body.appendChild(document.createElement('fleet-dashboard'));
dashboard.api = new FleetApi(takeFleetToken());
