// A route rendered on the server the way Remix renders it, for tests: its real loader (and the
// root layout's real loader, which the page shell reads) run through React Router's static
// handler with a real Request, and the route's real component is rendered to HTML. Remix's own
// document parts (<Links>, <Scripts>, the build manifest) are left out: what is checked here is
// what the page makes of the data.
import { UNSAFE_RemixContext, type UNSAFE_RemixContextObject } from '@remix-run/react'
import type { ComponentType } from 'react'
import { renderToString } from 'react-dom/server'
import { Outlet, type RouteObject } from 'react-router-dom'
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server.js'
import type { Route } from '#tests/route-answer.ts'

type PageModule = Route & { default: ComponentType }

const remixContext = {
	manifest: { routes: {}, entry: { imports: [], module: '' }, url: '', version: 'test' },
	routeModules: {},
	future: {},
	isSpaMode: false,
	criticalCss: undefined,
} as unknown as UNSAFE_RemixContextObject

/** The HTML a page renders for this request, or the status its loader answered instead. */
export async function renderPage(page: PageModule, { pattern, request, params }: { pattern: string; request: Request; params: Record<string, string> }) {
	const root = (await import('#app/root.tsx')) as unknown as Route
	const routes: RouteObject[] = [
		{
			id: 'root',
			path: '/',
			loader: (args) => root.loader!({ ...args, params, context: {} }),
			Component: Outlet,
			children: [{ id: 'page', path: pattern.replace(/^\//, ''), loader: (args) => page.loader!({ ...args, params, context: {} }), Component: page.default }],
		},
	]
	const handler = createStaticHandler(routes)
	const context = await handler.query(request)
	if (context instanceof Response) return { status: context.status, html: '' }
	if (context.statusCode !== 200) return { status: context.statusCode, html: JSON.stringify(context.errors) }
	const router = createStaticRouter(handler.dataRoutes, context)
	const html = renderToString(
		<UNSAFE_RemixContext.Provider value={remixContext}>
			<StaticRouterProvider router={router} context={context} hydrate={false} />
		</UNSAFE_RemixContext.Provider>,
	)
	return { status: 200, html }
}
