import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import './help.css';

export interface ModalProps {
  /** Id of the element that names the dialog (its heading). */
  readonly labelledBy: string;
  readonly describedBy?: string;
  readonly onClose: () => void;
  readonly className?: string;
  /** Where focus goes when the dialog closes, if not back to where it was. */
  readonly finalFocus?: () => HTMLElement | null | undefined;
  readonly children: ReactNode;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog on the native `<dialog>` (the page behind it is inert). Escape and a click on
 * the backdrop close it, Tab and Shift+Tab cycle inside it, and focus goes back where it was
 * when it closes. Mount it to open it; unmount it to close it.
 */
export function Modal({ labelledBy, describedBy, onClose, className, finalFocus, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  const finalFocusRef = useRef(finalFocus);
  useEffect(() => {
    onCloseRef.current = onClose;
    finalFocusRef.current = finalFocus;
  }, [onClose, finalFocus]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // Escape fires `cancel`: the owner decides, so React state stays the truth.
    const onCancel = (e: Event): void => {
      e.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      const target = finalFocusRef.current?.() ?? opener;
      if (target?.isConnected) target.focus({ preventScroll: true });
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCloseRef.current();
      return;
    }
    if (e.key !== 'Tab') return;
    const all = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (el) => el.getClientRects().length > 0,
    );
    if (all.length === 0) return;
    const first = all[0]!;
    const last = all[all.length - 1]!;
    if (
      e.shiftKey &&
      (document.activeElement === first || !e.currentTarget.contains(document.activeElement))
    ) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={ref}
      className={`modal${className ? ` ${className}` : ''}`}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onKeyDown={onKeyDown}
      onClick={(e) => {
        // A click on the backdrop lands on the dialog element itself, outside its box.
        if (e.target !== e.currentTarget) return;
        const box = e.currentTarget.getBoundingClientRect();
        const inside =
          e.clientX >= box.left && e.clientX <= box.right && e.clientY >= box.top && e.clientY <= box.bottom;
        if (!inside) onCloseRef.current();
      }}
    >
      {children}
    </dialog>
  );
}
