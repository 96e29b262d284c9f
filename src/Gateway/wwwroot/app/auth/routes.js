import { registerRoutes } from '../core/router.js';
import { SignInPage } from './signin-page.js';
import { CallbackPage } from './callback-page.js';
import { CALLBACK_PATH } from './oidc.js';

registerRoutes([
  { path: '/signin', page: SignInPage, title: 'signin.title' },
  { path: CALLBACK_PATH, page: CallbackPage, title: 'signin.title' },
]);
