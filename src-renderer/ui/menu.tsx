// A menu button (WAI-ARIA menu pattern): Enter, Space or ArrowDown opens it on the first item, arrows and
// Home/End move, Enter picks, Escape or Tab closes, and focus goes back to the button. It is placed in the
// viewport (fixed), so a scrolling panel never clips it.
import {
  type KeyboardEvent,
  type RefObject,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { Icon } from './icons';

export interface MenuItem {
  label: string;
  onSelect: () => void;
  danger?: boolean;
}

interface Props {
  /** The button's accessible name, e.g. "Actions for bob". */
  label: string;
  items: readonly MenuItem[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

const GAP = 4;

/** Places the open menu under its button (above it when there is no room below) and focuses its first item. */
function usePlacement(
  open: boolean,
  button: RefObject<HTMLElement | null>,
  menu: RefObject<HTMLElement | null>,
) {
  const [place, setPlace] = useState<{ top: number; right: number } | null>(null);
  useLayoutEffect(() => {
    if (!open || !button.current || !menu.current) return;
    const at = button.current.getBoundingClientRect();
    const height = menu.current.offsetHeight;
    const below = at.bottom + GAP + height <= window.innerHeight;
    setPlace({
      top: below ? at.bottom + GAP : Math.max(GAP, at.top - GAP - height),
      right: Math.max(GAP, window.innerWidth - at.right),
    });
  }, [open, button, menu]);
  // Focus waits for the placement: a menu that is still hidden cannot take it.
  useEffect(() => {
    if (open && place) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open, place, menu]);
  return place;
}

/** A press anywhere outside the menu and its button closes it. */
function useCloseOutside(
  open: boolean,
  inside: readonly RefObject<HTMLElement | null>[],
  onOpenChange: (open: boolean) => void,
) {
  useEffect(() => {
    if (!open) return;
    const away = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!inside.some((ref) => ref.current?.contains(target))) onOpenChange(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open, inside, onOpenChange]);
}

export function MenuButton({ label, items, open, onOpenChange }: Props) {
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const place = usePlacement(open, button, menu);
  const inside = useMemo(() => [button, menu], []);
  useCloseOutside(open, inside, onOpenChange);

  function close() {
    onOpenChange(false);
    button.current?.focus();
  }

  function onMenuKey(event: KeyboardEvent<HTMLDivElement>) {
    const entries = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const go = (index: number) => entries[(index + entries.length) % entries.length]?.focus();
    const moves: Record<string, () => void> = {
      ArrowDown: () => go(at + 1),
      ArrowUp: () => go(at - 1),
      Home: () => go(0),
      End: () => go(entries.length - 1),
      Escape: close,
      Tab: () => onOpenChange(false),
    };
    const move = moves[event.key];
    if (!move) return;
    if (event.key !== 'Tab') event.preventDefault();
    // Escape here closes the menu only, not the drawer or dialog it sits in.
    event.stopPropagation();
    move();
  }

  return (
    <>
      <button
        ref={button}
        type="button"
        className="icon-button subtle menu-button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => onOpenChange(!open)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            onOpenChange(true);
          }
        }}
      >
        <Icon name="more" />
      </button>
      {open && (
        <div
          ref={menu}
          role="menu"
          aria-label={label}
          className="menu"
          style={place ? { top: place.top, right: place.right } : { visibility: 'hidden' }}
          onKeyDown={onMenuKey}
        >
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={item.danger ? 'menu-item danger' : 'menu-item'}
              onClick={() => {
                close();
                item.onSelect();
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </>
  );
}
