// Fluent's CSS-in-JS (Griffel) with constructed style sheets instead of <style> elements, so it
// works under the window's CSP (see adopted-sheets.ts).
//
// Griffel's own DOM renderer is reused for everything it does well (rule caching, bucket order,
// media query order): it is handed a stand-in document whose "head" is a detached element and
// whose <style> elements each carry a constructed sheet as their `sheet`. Griffel orders those
// elements in the detached head exactly as it would in the page; the adopted sheets follow
// that order. Nothing is ever inserted into the real document.
import { createDOMRenderer } from '@fluentui/react-components';
import type { GriffelRenderer } from '@fluentui/react-components';
import { setRuleSheets } from './adopted-sheets.ts';

/** The part of Document that Griffel's DOM renderer uses (createElement, head). */
interface RendererDocument {
  createElement(tagName: string): HTMLElement;
  readonly head: HTMLElement;
}

export function createConstructedSheetRenderer(target: Document): GriffelRenderer {
  const shelf = target.createElement('div');
  const sheets = new WeakMap<Element, CSSStyleSheet>();
  let published = 0;
  // Called whenever Griffel reaches for a bucket's sheet: a bucket element added since the last
  // call means the order changed.
  const follow = (): void => {
    if (shelf.childElementCount === published) return;
    published = shelf.childElementCount;
    setRuleSheets([...shelf.children].flatMap((el) => sheets.get(el) ?? []));
  };
  const standIn: RendererDocument = {
    createElement(tagName) {
      const element = target.createElement(tagName);
      if (tagName === 'style') {
        const sheet = new CSSStyleSheet();
        sheets.set(element, sheet);
        Object.defineProperty(element, 'sheet', {
          get: () => {
            follow();
            return sheet;
          },
        });
      }
      return element;
    },
    head: shelf,
  };
  // The renderer reads only createElement and head (checked against @griffel/core 1.21).
  return createDOMRenderer(standIn as unknown as Document);
}
