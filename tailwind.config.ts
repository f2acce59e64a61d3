import type { Config } from 'tailwindcss';

export default {
  content: ['./app/**/*.{ts,tsx}'],
  theme: {
    extend: {
      colors: {
        // A sober navy/slate palette: an institutional tool, not a marketing page.
        brand: {
          50: '#f1f5fb',
          100: '#dde7f4',
          200: '#b9cde8',
          500: '#2f5d9a',
          600: '#244b80',
          700: '#1d3c66',
          800: '#172f50',
          900: '#102238',
        },
      },
      fontFamily: {
        sans: ['"Source Sans 3"', '"Segoe UI"', 'Roboto', 'Helvetica Neue', 'Arial', 'sans-serif'],
      },
    },
  },
  plugins: [],
} satisfies Config;
