// Start-up data step: seed an empty database and print the demo logins.
import { createDb } from '#app/utils/db-client.ts'
import { printDemoLogins } from '../prisma/demo-data.ts'
import { seedDemoData } from '../prisma/seed.ts'

const db = createDb(process.env.DATABASE_URL ?? 'file:./data/app.db')
try {
	const { seeded } = await seedDemoData(db)
	if (seeded) console.log('空数据库，已写入演示数据。')
	if ((await db.user.count({ where: { username: 'admin' } })) > 0) printDemoLogins()
} finally {
	await db.$disconnect()
}
