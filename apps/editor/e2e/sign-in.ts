/**
 * Signing in through the editor's own sign-in page, as a person does: the session cookie the API
 * sets then rides along on every request the page makes.
 */
import type { Page } from 'playwright-core';

export async function signInThroughPage(
  page: Page,
  url: string,
  email: string,
  password: string,
): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}
