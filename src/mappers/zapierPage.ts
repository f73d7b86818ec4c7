/*
 * The page a dropdown trigger asks ProAbono for. Zapier numbers the pages it asks for from 0
 * (`bundle.meta.page`), ProAbono's lists from 1 (`Page`).
 */

/**
 * ProAbono's page for Zapier's: `bundle.meta.page` + 1. Zapier may send the page as text (`"1"`,
 * which added to 1 would ask for page 11); anything that is no page number asks for the first.
 */
export const proAbonoPage = (zapierPage: unknown): number => {
  const page =
    typeof zapierPage === 'string' && /^\s*\d+\s*$/.test(zapierPage)
      ? Number(zapierPage)
      : zapierPage;
  return typeof page === 'number' && Number.isSafeInteger(page) && page >= 0 ? page + 1 : 1;
};
