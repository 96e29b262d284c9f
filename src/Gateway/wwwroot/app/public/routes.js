import { registerRoutes } from '../core/router.js';
import { BoardPage } from './board-page.js';
import { ParcelPage } from './parcel-page.js';

registerRoutes([
  { path: '/', page: BoardPage, title: 'board.title' },
  { path: '/listings/:id', page: ParcelPage, title: 'parcel.title' },
]);
