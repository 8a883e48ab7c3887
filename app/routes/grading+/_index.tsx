import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { listGradingRounds } from '#app/exams/grading/manual.server.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { BankNav } from '#app/components/bank-nav.tsx'
import { GradingProgressBar } from './__grading-parts.tsx'

export const meta: MetaFunction = () => [{ title: '人工评阅 · 红审学堂' }]

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAccess(request, '/grading')
	return { rounds: await listGradingRounds(prisma) }
}

export default function GradingRoundsPage() {
	const { rounds } = useLoaderData<typeof loader>()
	return (
		<Page>
			<PageHeader title="人工评阅" description="简答题和案例分析题的答卷，不显示作答人姓名。" />
			<BankNav />
			{rounds.length === 0 ? (
				<p className="rounded-lg border border-gray-200 bg-white p-6 text-center text-gray-600">目前没有需要人工评阅的答卷。</p>
			) : (
				<ul className="flex flex-col gap-3">
					{rounds.map((round) => (
						<li key={round.roundId} className="rounded-lg border border-gray-200 bg-white p-4">
							<div className="flex flex-wrap items-baseline justify-between gap-2">
								<h2 className="font-semibold">
									<Link to={`/grading/${round.roundId}`} className="text-brand-700 hover:underline">
										{round.seasonName} · {round.title}
									</Link>
								</h2>
								<span className="text-sm text-gray-600">{round.secondMarkerEnabled ? `双评（分差超过 ${round.discrepancyThreshold ?? '—'} 分仲裁）` : '单评'}</span>
							</div>
							<GradingProgressBar progress={round} />
						</li>
					))}
				</ul>
			)}
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
