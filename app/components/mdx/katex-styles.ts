// KaTeX's stylesheet, served by the app itself: Vite copies katex.min.css and the KaTeX fonts it
// names into build/client/assets with hashed names and rewrites the url()s, so nothing comes
// from a CDN and the CSP's `style-src 'self'` and `font-src 'self'` cover it (ADR 015).
// Use it in the `links` of every page that shows a lesson: the lesson route, the editor's
// preview and version history.
import katexStylesheet from 'katex/dist/katex.min.css?url'

export const katexStylesheetLink = { rel: 'stylesheet', href: katexStylesheet } as const
