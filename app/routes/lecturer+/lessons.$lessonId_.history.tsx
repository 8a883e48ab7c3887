import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { z } from 'zod'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Button, ErrorList } from '#app/components/forms.tsx'
import { katexStylesheetLink } from '#app/components/mdx/katex-styles.ts'
import { LessonContent, lessonTableOfContents } from '#app/components/mdx/lesson-content.tsx'
import { TableOfContents } from '#app/components/mdx/table-of-contents.tsx'
import { compareLessonVersions } from '#app/courses/lesson-compare.ts'
import { getLessonForEditor, getLessonVersionForEditor, restoreLessonVersion } from '#app/courses/lessons.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { cn, formatDateTime } from '#app/utils/misc.ts'
import { LecturerCrumbs } from './__course-nav.tsx'
import { editorFrom } from './__editor-context.server.ts'
import { VersionDiff } from './__version-diff.tsx'

export const links: LinksFunction = () => [katexStylesheetLink]

export const meta: MetaFunction = () => [{ title: '版本历史 · 讲师工作台' }]

const STATE_LABELS = { draft: '草稿', current: '学员当前看到', superseded: '已被替代' } as const

export async function loader({ request, params }: LoaderFunctionArgs) {
	const editor = editorFrom(await requireAccess(request, '/lecturer'))
	const lesson = await getLessonForEditor(prisma, editor, params.lessonId!)
	if (!lesson) throw data({ message: '课时不存在或您无权查看' }, { status: 404 })
	const search = new URL(request.url).searchParams
	const wanted = Number(search.get('version') ?? lesson.history[0]?.version)
	const full = search.get('full') === '1'
	const [shown, comparison] = await Promise.all([
		Number.isInteger(wanted) ? getLessonVersionForEditor(prisma, editor, { lessonId: lesson.id, version: wanted }) : null,
		compareLessonVersions(prisma, editor, { lessonId: lesson.id, from: search.get('from'), to: search.get('to'), full }),
	])
	return {
		lesson: { id: lesson.id, course: lesson.course, editable: lesson.editable, hasDraft: Boolean(lesson.draft) },
		history: lesson.history,
		shown: shown && { version: shown.version.version, code: shown.code, problems: shown.problems },
		comparison,
		full,
	}
}

/** 恢复为草稿: the button carries its intent, the hidden field the version (ADR 070: one reply shape). */
const RestoreSchema = z.object({ intent: z.literal('restore', { error: '未知的操作' }), version: z.coerce.number({ error: '版本号无效' }).int('版本号无效').positive('版本号无效') })

export async function action({ request, params }: ActionFunctionArgs) {
	const editor = editorFrom(await requireAccess(request, '/lecturer'))
	const lessonId = params.lessonId!
	const formData = await request.formData()
	const submission = parseWithZod(formData, { schema: RestoreSchema })
	const form = `restore-${String(formData.get('version') ?? '')}`
	if (submission.status !== 'success') return data({ ...submission.reply(), form }, { status: 400 })
	const result = await restoreLessonVersion(prisma, editor, { lessonId, version: submission.value.version })
	if (!result.ok) {
		if (result.reason === 'not_found') throw data({ message: result.message }, { status: 404 })
		return data({ ...submission.reply({ formErrors: [result.message] }), form }, { status: 400 })
	}
	throw await redirectWithToast(`/lecturer/lessons/${encodeURIComponent(lessonId)}`, {
		title: `已将第 ${submission.value.version} 版恢复为草稿（第 ${result.version} 版）。`,
		description: '发布后学员才会看到。',
	})
}

function RestoreForm({ version, lastResult }: { version: number; lastResult: SubmissionResult | undefined }) {
	const [form, fields] = useForm({
		id: `restore-${version}`,
		lastResult,
		onValidate: ({ formData }) => parseWithZod(formData, { schema: RestoreSchema }),
	})
	return (
		<Form method="post" className="mt-2" {...getFormProps(form)}>
			<input type="hidden" name={fields.version.name} value={version} />
			<Button type="submit" name={fields.intent.name} value="restore" variant="secondary" className="px-2 py-1 text-xs">
				恢复为草稿
			</Button>
			<ErrorList errors={form.errors ?? fields.version.errors ?? fields.intent.errors} />
		</Form>
	)
}

export default function LessonHistoryPage() {
	const { lesson, history, shown, comparison, full } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const search = useLocation().search
	/** Viewing another version keeps the versions being compared. */
	const viewLink = (version: number) => {
		const params = new URLSearchParams(search)
		params.set('version', String(version))
		return `?${params.toString()}`
	}
	return (
		<Page wide>
			<LecturerCrumbs course={lesson.course} />
			<PageHeader
				title="版本历史"
				description="每次发布都保留一个版本。恢复旧版本会把它复制成新的草稿，发布后学员才会看到。页面下方可以并排对比任意两个版本。"
				actions={
					<Link to={`/lecturer/lessons/${lesson.id}`} className="text-sm text-brand-700 hover:underline">
						返回编辑
					</Link>
				}
			/>
			<div className="mt-4 grid gap-6 lg:grid-cols-3">
				<ol className="flex min-w-0 flex-col gap-2">
					{history.map((version) => (
						<li key={version.version} className={cn('rounded border bg-white p-3', shown?.version === version.version ? 'border-brand-600' : 'border-gray-200')}>
							<div className="flex items-center justify-between gap-2">
								<Link to={viewLink(version.version)} preventScrollReset className="font-medium text-brand-700 hover:underline">
									第 {version.version} 版：{version.title}
								</Link>
								<span className="rounded bg-gray-100 px-1.5 py-0.5 text-xs">{STATE_LABELS[version.state]}</span>
							</div>
							<p className="mt-1 text-xs text-gray-500">
								{version.publishedAt ? `发布于 ${formatDateTime(version.publishedAt)}` : `保存于 ${formatDateTime(version.updatedAt)}`}
								{version.restoredFromVersion ? ` · 由第 ${version.restoredFromVersion} 版恢复` : ''}
							</p>
							{lesson.editable && version.state !== 'draft' && !lesson.hasDraft ? (
								<RestoreForm version={version.version} lastResult={actionData?.form === `restore-${version.version}` ? actionData : undefined} />
							) : null}
						</li>
					))}
				</ol>
				<section aria-label="版本内容" className="relative min-w-0 overflow-x-auto rounded-lg border border-gray-200 bg-white px-5 py-4 lg:col-span-2">
					{shown ? (
						<>
							<TableOfContents entries={lessonTableOfContents(shown.code)} />
							<LessonContent code={shown.code} runtime={{ problems: Object.fromEntries(shown.problems.map((p) => [p.code, p])), checks: { mode: 'preview' } }} />
						</>
					) : (
						<p className="text-sm text-gray-500">选择左侧的一个版本查看。</p>
					)}
				</section>
			</div>
			{comparison ? <VersionDiff comparison={comparison} versions={history} full={full} /> : null}
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
