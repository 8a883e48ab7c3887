// Seasons: one a year, four rounds each, created in one step from the 3+1 template.
import { auditedTransaction, writeAuditLog } from '#app/utils/audit-log.server.ts'
import type { Db, DbOrTx } from '#app/utils/db-client.server.ts'
import { SeasonYearSchema } from './season-form.ts'
import { seasonTemplate } from './season-template.ts'

export { SeasonYearSchema } from './season-form.ts'

export type CreateSeasonResult = { ok: true; seasonId: string } | { ok: false; field: 'year'; message: string }

export async function createSeasonFromTemplate(db: Db, { year, actorId }: { year: number; actorId: string | null }): Promise<CreateSeasonResult> {
	const checked = SeasonYearSchema.safeParse(year)
	if (!checked.success) return { ok: false, field: 'year', message: checked.error.issues[0]!.message }
	const taken = (existing: { id: string } | null): CreateSeasonResult | null =>
		existing ? { ok: false, field: 'year', message: `${year} 年度赛季已存在` } : null
	const before = taken(await db.season.findUnique({ where: { year }, select: { id: true } }))
	if (before) return before
	const rounds = seasonTemplate(year)
	try {
		return await auditedTransaction(db, async (tx) => {
			const season = await tx.season.create({
				data: {
					year,
					name: `${year}年度红审善业技能比武`,
					rounds: {
						create: rounds.map(({ drawRules, ...round }) => ({ ...round, drawRules: { create: drawRules } })),
					},
				},
				select: { id: true, name: true },
			})
			await writeAuditLog(tx, {
				actorId,
				action: 'season.create',
				targetType: 'Season',
				targetId: season.id,
				summary: `按“3+1”模板创建${season.name}（4 轮，均为草稿）`,
				after: { year, rounds: rounds.map((r) => ({ position: r.position, topic: r.topic, title: r.title })) },
			})
			return { ok: true as const, seasonId: season.id }
		})
	} catch (error) {
		// Two admins creating the same year at once: the unique year refuses the second.
		const duplicate = (error as { code?: string }).code === 'P2002' ? taken({ id: '' }) : null
		if (duplicate) return duplicate
		throw error
	}
}

export async function listSeasons(db: DbOrTx) {
	return db.season.findMany({
		orderBy: { year: 'desc' },
		select: {
			id: true,
			year: true,
			name: true,
			rounds: { orderBy: { position: 'asc' }, select: { id: true, position: true, title: true, topic: true, status: true, opensAt: true, closesAt: true } },
		},
	})
}

export async function getSeason(db: DbOrTx, seasonId: string) {
	return db.season.findUnique({
		where: { id: seasonId },
		select: {
			id: true,
			year: true,
			name: true,
			rounds: {
				orderBy: { position: 'asc' },
				select: {
					id: true,
					position: true,
					title: true,
					topic: true,
					status: true,
					opensAt: true,
					closesAt: true,
					timeLimitMinutes: true,
					reviewOpensAt: true,
					_count: { select: { attempts: true, drawRules: true } },
				},
			},
		},
	})
}
