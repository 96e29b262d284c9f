// Preact with htm: components written as tagged templates, no build step. Every module renders through this one.
import { h, render, Fragment } from 'preact';
import htm from 'htm';

export const html = htm.bind(h);
export { h, render, Fragment };
export { useState, useEffect, useMemo, useRef, useCallback, useReducer } from 'preact/hooks';
