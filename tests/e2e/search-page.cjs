// Opens a page of the site in headless Chromium, searches it with its
// Pagefind box and prints one result link per line (the href, as the
// page shows it); with a third argument, a screenshot of the results.
// usage: node search-page.cjs URL WORDS [PNG]
// NODE_PATH must hold puppeteer-core (.ci/deps.sh installs it in build/node).
const puppeteer = require('puppeteer-core');

(async () => {
	const [url, words, png] = process.argv.slice(2);
	const browser = await puppeteer.launch({
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
	});
	let status = 0;
	try {
		const page = await browser.newPage();
		await page.setViewport({ width: 1200, height: 1600 });
		const errors = [];
		page.on('pageerror', (e) => errors.push(String(e)));
		page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
		await page.goto(url, { waitUntil: 'networkidle0' });
		await page.type('.pagefind-ui__search-input', words);
		// results, or Pagefind's "no results" message
		await page.waitForFunction(() => {
			const m = document.querySelector('.pagefind-ui__message');
			return document.querySelector('.pagefind-ui__result-link') ||
				(m && /\d/.test(m.textContent));
		}, { timeout: 20000 });
		await new Promise((r) => setTimeout(r, 500));
		const links = await page.$$eval('.pagefind-ui__result-link', (as) => as.map((a) => a.getAttribute('href')));
		for (const l of links) console.log(l);
		if (png) await page.screenshot({ path: png, fullPage: false });
		if (errors.length) {
			console.error('console errors: ' + errors.join(' | '));
			status = 1;
		}
	} catch (e) {
		console.error(String(e));
		status = 1;
	} finally {
		await browser.close();
	}
	process.exit(status);
})();
