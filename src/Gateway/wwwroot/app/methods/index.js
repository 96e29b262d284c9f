// The grant methods and the price-cap modes the app knows: one import per folder.
import './listing/index.js';
import './auction/index.js';
import './tender/index.js';
import './lottery/index.js';
import './housing-area/index.js';
import './one-time-quote/index.js';
