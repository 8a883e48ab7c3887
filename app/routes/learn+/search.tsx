import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { buttonClass } from '#app/components/forms.tsx'
import { searchLibrary } from '#app/courses/search/search.ts'
import { SEARCH_KIND_LABELS, SEARCH_KINDS } from '#app/courses/search/search-kinds.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { FilterSelect, Highlighted, LearnNav } from '#app/components/learn-section.tsx'

export const meta: MetaFunction = () => [{ title: '搜索 · 红审课程库' }]

const SearchQuerySchema = z.object({
	q: z.string().trim().max(100).catch(''),
	kind: z.enum(SEARCH_KINDS).optional().catch(undefined),
})

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/learn')
	const params = new URL(request.url).searchParams
	const { q, kind } = SearchQuerySchema.parse({ q: params.get('q') ?? '', kind: params.get('kind') || undefined })
	const { terms, hits } = q ? await searchLibrary(prisma, q, { kinds: kind ? [kind] : undefined }) : { terms: [], hits: [] }
	return { q, kind: kind ?? null, terms, hits }
}

export default function SearchPage() {
	const { q, kind, hits } = useLoaderData<typeof loader>()
	return (
		<Page>
			<PageHeader title="搜索" description="在课程、课时正文和共性问题清单中搜索；可输入多个词，用空格分开。" />
			<LearnNav />
			<Form method="get" role="search" className="mb-6 flex flex-wrap items-end gap-3">
				<label className="flex w-full flex-col gap-1 text-sm sm:w-auto">
					<span className="font-medium">关键词</span>
					{/* Full width on a phone: a fixed 20 rem box is wider than a 320 px screen's content. */}
					<input type="search" name="q" defaultValue={q} autoFocus className="w-full rounded border border-gray-300 px-3 py-2 sm:w-80" />
				</label>
				<FilterSelect label="范围" name="kind" value={kind} allLabel="全部" options={SEARCH_KINDS.map((k) => ({ value: k, label: SEARCH_KIND_LABELS[k] }))} />
				<button type="submit" className={buttonClass()}>
					搜索
				</button>
			</Form>
			{q ? (
				hits.length ? (
					<>
						<p className="mb-3 text-sm text-gray-600" role="status">
							找到 {hits.length} 条结果
						</p>
						<ol className="flex flex-col gap-3">
							{hits.map((hit) => (
								<li key={`${hit.kind}:${hit.refId}`} className="rounded border border-gray-200 bg-white p-4">
									<p className="text-xs text-gray-500">
										{SEARCH_KIND_LABELS[hit.kind]} · {hit.context}
									</p>
									<h2 className="text-base font-semibold">
										<Link to={hit.href} className="hover:underline">
											<Highlighted segments={hit.title} />
										</Link>
									</h2>
									<p className="mt-1 text-sm text-gray-700">
										<Highlighted segments={hit.snippet} />
									</p>
								</li>
							))}
						</ol>
					</>
				) : (
					<p className="rounded border border-gray-200 bg-white p-6 text-gray-600" role="status">
						没有找到与“{q}”相关的内容。
					</p>
				)
			) : null}
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
