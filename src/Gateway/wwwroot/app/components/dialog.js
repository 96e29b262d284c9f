// A modal dialog on the native <dialog> element: focus moves in and back, Escape closes, the page behind is inert.
import { html, useEffect, useRef } from '../core/html.js';
import { t } from '../core/i18n.js';

export function Dialog({ open, title, onClose, children, labelledBy = 'dialog-title' }) {
  const ref = useRef(null);
  useEffect(() => {
    const dialog = ref.current;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return html`<dialog ref=${ref} class="dialog" aria-labelledby=${labelledBy} onClose=${() => onClose?.()} onCancel=${() => onClose?.()}>
    ${open && html`<h2 id=${labelledBy}>${title}</h2>
      ${children}
      <button type="button" class="dialog-close" aria-label=${t('action.close')} onClick=${() => onClose?.()}>×</button>`}
  </dialog>`;
}
