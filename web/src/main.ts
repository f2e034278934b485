/** Composition root of the web app. */
import './components/tb-app.js';
