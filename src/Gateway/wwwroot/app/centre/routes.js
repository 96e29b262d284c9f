import { registerRoutes } from '../core/router.js';
import { ConsolePage } from './console-page.js';
import { PublishPage } from './publish-page.js';
import { ListingAdminPage } from './listing-admin-page.js';

const centre = ['centre'];
registerRoutes([
  { path: '/centre', page: ConsolePage, title: 'console.title', roles: centre },
  { path: '/centre/publish', page: PublishPage, title: 'publish.title', roles: centre },
  { path: '/centre/listings/:id', page: ListingAdminPage, title: 'admin.title', roles: centre },
]);
