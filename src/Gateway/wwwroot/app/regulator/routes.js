import { registerRoutes } from '../core/router.js';
import { AwardsPage } from './awards-page.js';
import { CompliancePage } from './compliance-page.js';
import { RecordPage } from './record-page.js';

const regulator = ['regulator'];
registerRoutes([
  { path: '/regulator', page: AwardsPage, title: 'awards.title', roles: regulator },
  { path: '/regulator/compliance', page: CompliancePage, title: 'compliance.title', roles: regulator },
  { path: '/regulator/listings/:id', page: RecordPage, title: 'record.title', roles: regulator },
]);
