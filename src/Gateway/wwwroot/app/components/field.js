// A labelled form field with its hint and its error (the server's per-field errors land here), tied by aria.
import { html } from '../core/html.js';

export function Field({ id, label, hint, error, children, wide = false }) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return html`<div class=${`field${error ? ' has-error' : ''}${wide ? ' wide' : ''}`}>
    <label for=${id}>${label}</label>
    ${typeof children === 'function' ? children({ id, describedBy, invalid: Boolean(error) }) : children}
    ${hint && html`<small class="hint" id=${`${id}-hint`}>${hint}</small>`}
    ${error && html`<small class="error" id=${`${id}-error`} role="alert">${error}</small>`}
  </div>`;
}
