// uPlot, loaded when a page first draws a chart, sized to its container.
import { html, useEffect, useRef } from '../core/html.js';

let uPlotLoaded;
export function loadUPlot() {
  uPlotLoaded ??= import('uplot').then(module => module.default);
  return uPlotLoaded;
}

/**
 * @param {{ options: (width: number, uPlot) => object, data: Array, label: string, summary: string, points: number }} props
 * `summary` is the chart's text alternative (read by screen readers, and by the tests).
 */
export function Chart({ options, data, label, summary, points }) {
  const box = useRef(null);
  const plot = useRef(null);
  const latest = useRef(data);
  latest.current = data;
  useEffect(() => {
    let disposed = false;
    let observer;
    loadUPlot().then(uPlot => {
      if (disposed) return;
      const width = () => Math.max(240, box.current.clientWidth);
      plot.current = new uPlot(options(width(), uPlot), latest.current, box.current);
      observer = new ResizeObserver(() => plot.current?.setSize({ width: width(), height: plot.current.height }));
      observer.observe(box.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [options]);
  useEffect(() => plot.current?.setData(data), [data]);
  return html`<figure class="chart" data-points=${points}>
    <div ref=${box} class="chart-canvas" role="img" aria-label=${label}></div>
    <figcaption class="visually-hidden">${summary}</figcaption>
  </figure>`;
}
