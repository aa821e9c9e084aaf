import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PNG_MAX_SIDE, pngScale } from '../../client/src/features/Toolbar/ExportMenu';
import { Menu } from '../../client/src/features/Toolbar/Menu';

function renderMenu() {
  render(
    <>
      <Menu summary="Filters">
        <label>
          <input type="checkbox" /> member of
        </label>
      </Menu>
      <button type="button">elsewhere</button>
    </>,
  );
  const details = screen.getByText('Filters').closest('details') as HTMLDetailsElement;
  return { details, summary: screen.getByText('Filters') };
}

describe('Menu', () => {
  it('closes on Escape and gives focus back to its button', async () => {
    const user = userEvent.setup();
    const { details, summary } = renderMenu();
    await user.click(summary);
    expect(details.open).toBe(true);
    await user.click(screen.getByRole('checkbox', { name: 'member of' }));
    await user.keyboard('{Escape}');
    expect(details.open).toBe(false);
    expect(summary).toHaveFocus();
  });

  it('closes on a click elsewhere', async () => {
    const user = userEvent.setup();
    const { details, summary } = renderMenu();
    await user.click(summary);
    await user.click(screen.getByRole('button', { name: 'elsewhere' }));
    expect(details.open).toBe(false);
  });

  it('shifts its body left when it would run off the right edge of the window', async () => {
    const user = userEvent.setup();
    const { details, summary } = renderMenu();
    const body = details.querySelector('.menu-body') as HTMLElement;
    // jsdom does no layout: a body from x = 900 to x = 1604 in a 1024 px window.
    body.getBoundingClientRect = () => ({
      left: 900,
      right: 1604,
      top: 0,
      bottom: 0,
      width: 704,
      height: 0,
      x: 900,
      y: 0,
      toJSON: () => ({}),
    });
    await user.click(summary);
    await new Promise((r) => setTimeout(r, 0));
    expect(body.style.transform).toBe(`translateX(-${1604 - (window.innerWidth - 8)}px)`);
    expect(body.style.maxWidth).toBe(`${window.innerWidth - 16}px`);
  });
});

describe('PNG export size', () => {
  it('doubles a small view for sharpness, and caps a large one at PNG_MAX_SIDE on its longest side', () => {
    expect(pngScale({ w: 800, h: 600 })).toBe(2);
    // The 8,524 × 8,360 px export of the issue came from a 4,262 × 4,180 graph at scale 2.
    const scale = pngScale({ w: 4262, h: 4180 });
    expect(Math.round(4262 * scale)).toBe(PNG_MAX_SIDE);
    expect(4180 * scale).toBeLessThan(PNG_MAX_SIDE);
  });
});
