/**
 * The fleet dashboard's entry: the token comes from `?token=` once (like the panel's), the
 * rest is live from the WebSocket that <fleet-dashboard> owns.
 */
import { takeToken } from '../api-client.js';
import { FleetApi } from './fleet-api.js';
import './fleet-dashboard.js';

const dashboard = document.querySelector('fleet-dashboard') ?? document.body.appendChild(document.createElement('fleet-dashboard'));
dashboard.api = new FleetApi(takeToken());
