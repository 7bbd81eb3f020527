import { useId } from 'react';

/** The Hearth mark: an ember-coloured flame on a warm tile. */
export function Logo({ size = 40 }: { size?: number }) {
  const gradient = useId();
  return (
    <svg className="logo" width={size} height={size} viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id={gradient} x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor="#f6b24a" />
          <stop offset="1" stopColor="#d9522b" />
        </linearGradient>
      </defs>
      <rect width="48" height="48" rx="14" className="logo-tile" />
      <path
        fill={`url(#${gradient})`}
        d="M24 8c1 5.4 4.2 8.4 7.1 11.5C34 22.6 36 25.9 36 30.2 36 36.9 30.6 41 24 41s-12-4.1-12-10.8c0-4 1.8-6.9 4.2-9.3.5 2.9 1.9 5 4.2 6C19.2 21 20.8 13.4 24 8Z"
      />
      <path
        className="logo-core"
        d="M24 26c.5 2.4 1.9 3.7 3.1 5 1.2 1.3 2 2.7 2 4.5C29.1 38.4 26.8 40 24 40s-5.1-1.6-5.1-4.5c0-1.6.7-2.9 1.8-3.9.3 1.2.9 2 1.9 2.5C22 31.2 22.7 28.1 24 26Z"
      />
    </svg>
  );
}
