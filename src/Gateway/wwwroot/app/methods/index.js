// The grant methods (and later the price-cap modes) the app knows: one import per folder.
import './listing/index.js';
