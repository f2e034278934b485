/** Composition root of the web app. */
import './app/tb-app.js';
