/** Composition root of the web app. */
import { chunkedRegionSource, setRegionSource } from '../../forms/elements/index.js';
import './app/tb-app.js';

// Pages have real URLs (/cases/…): the region files are found from the site root, not next to the page.
setRegionSource(chunkedRegionSource('/regions'));
