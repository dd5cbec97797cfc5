/**
 * A tiny element builder, so sections can describe their DOM without a framework (the bundle stays small)
 * and without innerHTML (nothing a user types can become markup).
 */

/** Attribute values: strings/numbers are set, `true` sets an empty boolean attribute, false/undefined/null skip. */
type AttrValue = string | number | boolean | null | undefined;

/** Attributes plus `on<event>` listeners (`onclick`, `oninput`…). */
export type Attrs = Record<string, AttrValue | ((event: never) => void)>;

/** Something that can be appended as a child. Falsy children are skipped, so `cond && h(...)` reads well. */
export type Child = Node | string | number | null | undefined | false;

/** Create an element with attributes, listeners and children. `value`/`checked` are set as properties. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') {
      el.addEventListener(name.slice(2), value as EventListener);
    } else if (name === 'value' || name === 'checked') {
      // Properties, not attributes: attributes only set the initial value of form controls.
      (el as unknown as Record<string, unknown>)[name] = value;
    } else if (value === true) {
      el.setAttribute(name, '');
    } else if (value !== false && value != null) {
      el.setAttribute(name, String(value));
    }
  }
  append(el, children);
  return el;
}

/** Append children, skipping falsy ones. */
export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replace every child of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let counter = 0;
/** A document-unique id, for `for`/`aria-describedby` links between controls and their labels or messages. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Text only screen readers see (for colour-coded content such as the week grid). */
export function srOnly(text: string): HTMLSpanElement {
  return h('span', { class: 'sr-only' }, text);
}
