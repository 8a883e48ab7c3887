import { parseWithZod } from '@conform-to/zod/v4'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Page, PageHeader } from '#app/components/app-shell.tsx'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { ScoreTrend } from '#app/components/mentorship/score-trend.tsx'
import { AssignmentList, CheckInList, ProjectList, ReflectionList, Section } from '#app/components/mentorship/records.tsx'
import { apprenticeView } from '#app/mentorship/apprentice-view.ts'
import { AssignmentInputSchema } from '#app/mentorship/assignment-form.ts'
import { assignableStudy, createAssignment } from '#app/mentorship/assignments.ts'
import { chinaDayOf } from '#app/mentorship/dates.ts'
import { addProjectEntry, commentOnProject, recordCheckIn } from '#app/mentorship/journal.ts'
import { CheckInSchema, ProjectCommentSchema, ProjectEntrySchema } from '#app/mentorship/record-form.ts'
import { requireAccess } from '#app/utils/auth.server.ts'
import { refusalReply } from '#app/utils/conform.server.ts'
import { prisma } from '#app/utils/db.server.ts'
import { redirectWithToast } from '#app/utils/toast.server.ts'
import { TOPIC_LABELS, type Topic } from '#app/utils/topics.ts'
import { ProgressBar } from '#app/components/learn-section.tsx'
import { apprenticeAccessOrThrow, requireWritable } from './__guard.server.ts'
import { AssignForm, CheckInForm, CommentForm, commentFormId, ProjectForm } from '#app/components/mentorship/record-forms.tsx'
import { FlagList } from '#app/components/mentorship/pairing-status.tsx'

export const meta: MetaFunction = () => [{ title: '徒弟 · 导师带徒 · 红审学堂' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
	const user = await requireAccess(request, '/mentor/apprentices')
	const access = await apprenticeAccessOrThrow(user, params.apprenticeId ?? '')
	const view = await apprenticeView(prisma, access)
	const canWrite = access.active && access.mode === 'mentor'
	const canAssign = access.active && (access.mode === 'mentor' || access.mode === 'admin')
	return { view, mode: access.mode, canWrite, canAssign, study: canAssign ? await assignableStudy(prisma) : [] }
}

const IntentSchema = z.enum(['assign', 'check-in', 'project', 'comment'])

/** conform's reply (ADR 070), a domain refusal next to its field, tagged with the form it answers (the page holds several). */
function replyFor(form: string, submission: Parameters<typeof refusalReply>[0], refusal?: { field: string; message: string }) {
	const reply = refusal ? refusalReply(submission, { fieldErrors: { [refusal.field]: [refusal.message] } }) : data(submission.reply(), { status: 400 })
	return data({ ...reply.data, form }, reply.init ?? { status: 400 })
}

export async function action({ request, params }: ActionFunctionArgs) {
	const user = await requireAccess(request, '/mentor/apprentices')
	const access = await apprenticeAccessOrThrow(user, params.apprenticeId ?? '')
	const here = `/mentor/apprentices/${encodeURIComponent(access.apprenticeId)}`
	const formData = await request.formData()
	const intent = IntentSchema.safeParse(formData.get('intent'))
	if (!intent.success) throw data({ message: '未知的操作' }, { status: 400 })
	if (intent.data === 'assign') {
		requireWritable(access, { adminToo: true })
		const submission = parseWithZod(formData, { schema: AssignmentInputSchema })
		if (submission.status !== 'success') return replyFor('assign', submission)
		const made = await createAssignment(prisma, user, { apprenticeId: access.apprenticeId, pairingId: access.pairingId, input: submission.value, audit: access.mode === 'admin' })
		if (!made.ok) return replyFor('assign', submission, made)
		throw await redirectWithToast(here, { title: '已布置指定学习，徒弟会在“我的学习”中看到。' })
	}
	requireWritable(access)
	if (intent.data === 'check-in') {
		const submission = parseWithZod(formData, { schema: CheckInSchema })
		if (submission.status !== 'success') return replyFor('check-in', submission)
		const made = await recordCheckIn(prisma, { pairingId: access.pairingId, authorId: user.id, input: submission.value })
		if (!made.ok) return replyFor('check-in', submission, made)
		throw await redirectWithToast(here, { title: '已记录每月一学。' })
	}
	if (intent.data === 'project') {
		const submission = parseWithZod(formData, { schema: ProjectEntrySchema })
		if (submission.status !== 'success') return replyFor('project', submission)
		await addProjectEntry(prisma, { pairingId: access.pairingId, apprenticeId: access.apprenticeId, authorId: user.id, input: submission.value })
		throw await redirectWithToast(here, { title: '已添加项目记录。' })
	}
	const submission = parseWithZod(formData, { schema: ProjectCommentSchema })
	const form = commentFormId(String(formData.get('entryId') ?? ''))
	if (submission.status !== 'success') return replyFor(form, submission)
	const made = await commentOnProject(prisma, { pairingId: access.pairingId, authorId: user.id, input: submission.value })
	if (!made.ok) return replyFor(form, submission, made)
	throw await redirectWithToast(here, { title: '已添加点评。' })
}

export default function ApprenticePage() {
	const { view, canWrite, canAssign, study } = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const { pairing } = view
	const resultFor = (form: string) => (result?.form === form ? result : undefined)
	return (
		<Page>
			<PageHeader
				title={pairing.apprentice.name}
				description={`${pairing.apprentice.unitName} · 导师 ${pairing.mentor.name} · 结对期 ${chinaDayOf(new Date(pairing.startsOn))} 至 ${chinaDayOf(new Date(pairing.endsOn))}`}
				actions={
					<>
						<Link to={`/mentorship/${pairing.id}/report`} className="text-sm text-brand-700 hover:underline">
							结业报告
						</Link>
						{canWrite ? (
							<Link to={`/mentor/pairings/${pairing.id}/sign-off`} className="text-sm text-brand-700 hover:underline">
								结业评价
							</Link>
						) : null}
					</>
				}
			/>
			{pairing.status !== 'active' ? (
				<p role="status" className="mb-4 rounded border border-gray-300 bg-gray-50 px-4 py-2 text-sm text-gray-700">
					该结对已结束，以下为您带徒期间的记录（只读）。
				</p>
			) : null}
			<Section id="attention" title="需关注">
				<FlagList flags={pairing.flags} empty="目前没有需要关注的事项。" />
				<div className="mt-3 grid gap-2 text-sm sm:grid-cols-2">
					<p>
						<span className="text-gray-500">业务目标：</span>
						{pairing.businessGoals || '（未填写）'}
					</p>
					<p>
						<span className="text-gray-500">党建目标：</span>
						{pairing.partyGoals || '（未填写）'}
					</p>
				</div>
			</Section>
			<Section id="assignments" title="指定学习">
				<AssignmentList items={view.assignments} empty="还没有布置指定学习。" linkable={false} />
				{canAssign ? <AssignForm key={view.assignments.length} study={study} lastResult={resultFor('assign')} /> : null}
			</Section>
			<Section id="check-ins" title="每月一学">
				<CheckInList items={view.checkIns} />
				{canWrite ? <CheckInForm key={view.checkIns.length} lastResult={resultFor('check-in')} /> : null}
				<h3 className="mb-1 mt-4 font-medium">徒弟的学习心得</h3>
				<ReflectionList items={view.reflections} />
			</Section>
			<Section id="progress" title="课程进度">
				{view.courses.length ? (
					<ul className="space-y-3">
						{view.courses.map((course) => (
							<li key={course.id} className="text-sm">
								<p>{course.title}</p>
								<ProgressBar percent={course.progress.percent} label={`${course.title} 完成 ${course.progress.completed}/${course.progress.total}`} />
							</li>
						))}
					</ul>
				) : (
					<p className="text-sm text-gray-600">还没有开始学习课程。</p>
				)}
			</Section>
			<Section id="scores" title="比武成绩">
				<ScoreTrend points={view.scores} title={`${pairing.apprentice.name} 历次比武得分率`} />
			</Section>
			<Section id="weak" title="薄弱专题">
				{view.weakTopics.length ? (
					<ul className="space-y-3 text-sm">
						{view.weakTopics.map((topic) => (
							<li key={topic.topic}>
								<p className="font-medium">
									{TOPIC_LABELS[topic.topic as Topic] ?? topic.topic}：错 {topic.misses} 次（{topic.questions} 题）
								</p>
								{topic.tags.length ? <p className="text-gray-700">知识点：{topic.tags.map((t) => `${t.tag}（${t.misses}）`).join('、')}</p> : null}
								<p className="flex flex-wrap gap-x-3">
									{[...topic.lessonLinks, ...topic.problemLinks].map((link) =>
										link.href ? (
											<Link key={link.ref} to={link.href} className="text-brand-700 hover:underline">
												{link.label}
											</Link>
										) : (
											<span key={link.ref}>{link.label}</span>
										),
									)}
								</p>
							</li>
						))}
					</ul>
				) : (
					<p className="text-sm text-gray-600">考试和练习中还没有错题。</p>
				)}
				<p className="mt-3 text-sm">待复习错题：{view.mistakesDue} 道</p>
			</Section>
			<Section id="activity" title="近期学习">
				{view.activity.lessons.length ? (
					<ul className="space-y-1 text-sm">
						{view.activity.lessons.map((l) => (
							<li key={l.href}>
								{chinaDayOf(new Date(l.at))} · {l.course} › {l.title}
								{l.completed ? <span className="ml-1 text-green-700">（已学完）</span> : null}
							</li>
						))}
					</ul>
				) : (
					<p className="text-sm text-gray-600">还没有课程学习记录。</p>
				)}
				<p className="mt-2 text-sm">近 30 天练习 {view.activity.practiceLast30Days} 题次。</p>
			</Section>
			<Section id="projects" title="项目压担子">
				<ProjectList items={view.projects} commentForm={canWrite ? (entryId) => <CommentForm key={`${entryId}-${view.projects.find((p) => p.id === entryId)?.comments.length}`} entryId={entryId} lastResult={resultFor(commentFormId(entryId))} /> : undefined} />
				{canWrite ? <ProjectForm key={view.projects.length} lastResult={resultFor('project')} /> : null}
			</Section>
		</Page>
	)
}

export const ErrorBoundary = GeneralErrorBoundary
