/* WCAG contrast ratio between an element's text colour and the first opaque background
   behind it; used by the dark-mode browser test. */
(selector) => {
  const element = document.querySelector(selector);
  const rgb = (text) => (text.match(/[\d.]+/g) || []).map(Number);
  let node = element, background = null;
  while (node && node.nodeType === 1) {
    const colour = rgb(getComputedStyle(node).backgroundColor);
    if (colour.length === 3 || (colour.length === 4 && colour[3] > 0.5)) { background = colour; break; }
    node = node.parentElement;
  }
  background = background || [255, 255, 255];
  const luminance = ([r, g, b]) => {
    const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const a = luminance(rgb(getComputedStyle(element).color).slice(0, 3));
  const b = luminance(background.slice(0, 3));
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
