// The test tsconfig has no DOM library (it checks Node code), so functions that run inside the page
// describe the little of the DOM they use here.
export interface PageElement {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
  readonly outerHTML: string;
  readonly labels?: ArrayLike<PageElement> | null;
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}

export interface PageGlobals {
  document: {
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): ArrayLike<PageElement>;
    getElementById(id: string): PageElement | null;
  };
  requestAnimationFrame(callback: (time: number) => void): number;
}
