/**
 * Entry point: take the access token from the address (once), then hand the API client to
 * the room panel. Everything live (the stream, the clock) is owned by the elements.
 */
import { ApiClient, takeToken } from './api-client.js';
import { presetStills } from './preset-still-cache.js';
import './room-panel.js';
import { pageRoot } from './page-root.js';

const api = new ApiClient(takeToken());
// The preset tiles of every screen fetch their stills with the panel's own client.
presetStills.client = api;
pageRoot('room-panel').api = api;
