import { expect, test } from 'vitest'
import { describeEachProvider } from '#tests/db-utils.ts'
import { seedCourses } from './seed.ts'

describeEachProvider('seedCourses', (getDb) => {
	test('seeds one course per 3+1 topic, each with lessons that use the components, and the 共性问题清单', async () => {
		const db = await getDb()
		const first = await seedCourses(db)
		expect(first.errors).toEqual([])
		const courses = await db.course.findMany({
			select: { topic: true, lessons: { select: { publishedVersion: { select: { source: true } } } } },
		})
		expect(courses.map((course) => course.topic).sort()).toEqual(['combined', 'economic_responsibility', 'fiscal', 'fixed_asset_investment'])
		for (const course of courses) {
			expect(course.lessons.length).toBeGreaterThanOrEqual(3)
			for (const lesson of course.lessons) {
				const source = lesson.publishedVersion!.source
				expect(source).toMatch(/<KnowledgeCheck /)
				expect(source).toMatch(/<(Callout|CaseStudy|Steps|Regulation|ProblemCard)[ >]/)
			}
		}
		expect(await db.commonProblem.count()).toBeGreaterThanOrEqual(15)
		expect(await db.compiledLessonBundle.count()).toBe(12)
	})

	test('calling it again on a seeded database changes nothing', async () => {
		const db = await getDb()
		const versions = await db.lessonVersion.count()
		const again = await seedCourses(db)
		expect(again.courses).toMatchObject({ created: 0, updated: 0, unchanged: 4 })
		expect(again.lessons).toMatchObject({ created: 0, updated: 0, unchanged: 12 })
		expect(again.bundles).toEqual({ pruned: 0, stored: 0 })
		expect(again.search).toEqual({ updated: 0, removed: 0 })
		expect(await db.lessonVersion.count()).toBe(versions)
	})
})
