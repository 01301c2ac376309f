/**
 * Entry point: take the access token from the address (once), then hand the API client to
 * the room panel. Everything live (the stream, the clock) is owned by the elements.
 */
import { ApiClient, takeToken } from './api-client.js';
import { i18n } from './i18n.js';
import { presetStills } from './preset-still-cache.js';
import './room-panel.js';

document.documentElement.lang = i18n.locale;
const api = new ApiClient(takeToken());
// The preset tiles of every screen fetch their stills with the panel's own client.
presetStills.client = api;
const panel = document.querySelector('room-panel') ?? document.body.appendChild(document.createElement('room-panel'));
panel.api = api;
