/**
 * A Teams-like look for the Adaptive Cards JS renderer: a host config in the spirit of Teams'
 * light theme (Segoe UI first, Teams neutral and brand colours, a 4 px spacing scale) and a little
 * CSS for what host configs cannot style (buttons, inputs, the card's frame). Used only to draw
 * the pictures in docs/cards; Teams applies its own host config to the real cards.
 */

/** Segoe UI where installed; Liberation Sans (Arial's metrics) on a bare Debian box. */
const FONT_STACK = "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', 'Liberation Sans', Arial, sans-serif";
const MONOSPACE_STACK = "Consolas, 'Cascadia Mono', 'Liberation Mono', 'DejaVu Sans Mono', monospace";

const colour = (normal: string, subtle: string): { default: string; subtle: string } => ({ default: normal, subtle });

const FOREGROUND = {
  default: colour('#242424', '#616161'),
  dark: colour('#242424', '#616161'),
  light: colour('#FFFFFF', '#E0E0E0'),
  accent: colour('#5B5FC7', '#4F52B2'),
  good: colour('#0E7A0B', '#237B4B'),
  warning: colour('#8F5A00', '#8F5A00'),
  attention: colour('#C4314B', '#C4314B'),
};

export const TEAMS_LIGHT_HOST_CONFIG = Object.freeze({
  supportsInteractivity: true,
  fontTypes: {
    default: {
      fontFamily: FONT_STACK,
      fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
      fontWeights: { lighter: 300, default: 400, bolder: 600 },
    },
    monospace: {
      fontFamily: MONOSPACE_STACK,
      fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
      fontWeights: { lighter: 300, default: 400, bolder: 600 },
    },
  },
  lineHeights: { small: 16, default: 20, medium: 20, large: 24, extraLarge: 32 },
  spacing: { small: 4, default: 8, medium: 12, large: 16, extraLarge: 20, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E0E0E0' },
  containerStyles: {
    default: { backgroundColor: '#FFFFFF', foregroundColors: FOREGROUND },
    emphasis: { backgroundColor: '#F5F5F5', foregroundColors: FOREGROUND },
  },
  inputs: {
    label: {
      inputSpacing: 'small',
      requiredInputs: { weight: 'Bolder', suffix: ' *', suffixColor: 'Attention' },
      optionalInputs: { weight: 'Bolder' },
    },
    errorMessage: { size: 'Small', color: 'Attention' },
  },
  actions: {
    maxActions: 6,
    spacing: 'Medium',
    buttonSpacing: 8,
    showCard: { actionMode: 'Inline', inlineTopMargin: 16 },
    actionsOrientation: 'Horizontal',
    actionAlignment: 'Left',
  },
  adaptiveCard: { allowCustomStyle: false },
  factSet: {
    title: { weight: 'Bolder', size: 'Default', color: 'Default', wrap: true, maxWidth: 150 },
    value: { weight: 'Default', size: 'Default', color: 'Default', wrap: true },
    spacing: 8,
  },
});

/** Frame, buttons and inputs as Teams draws them (the JS renderer leaves these to CSS). */
export const TEAMS_LIGHT_CSS = `
  html, body { margin: 0; background: #F5F5F5; font-family: ${FONT_STACK}; }
  #frame { display: inline-block; padding: 24px; }
  #card { width: 560px; background: #FFFFFF; border: 1px solid #E0E0E0; border-radius: 8px;
          box-shadow: 0 2px 4px rgba(0,0,0,0.10), 0 0 2px rgba(0,0,0,0.08); overflow: hidden; }
  .ac-adaptiveCard { border-radius: 8px; }
  .ac-pushButton { font-family: ${FONT_STACK}; font-size: 14px; font-weight: 600; min-height: 32px;
                   padding: 5px 12px; border: 1px solid #D1D1D1; border-radius: 4px; background: #FFFFFF;
                   color: #242424; cursor: pointer; flex: 0 1 auto !important; }
  .ac-pushButton.style-positive, .ac-pushButton.primary { background: #5B5FC7; border-color: #5B5FC7; color: #FFFFFF; }
  .ac-pushButton.style-destructive { color: #C4314B; }
  .ac-input { font-family: ${FONT_STACK}; font-size: 14px; color: #242424; }
  .ac-textInput, .ac-multichoiceInput { box-sizing: border-box; min-height: 32px; padding: 5px 10px;
                   border: 1px solid #D1D1D1; border-bottom-color: #616161; border-radius: 4px; background: #FFFFFF; }
  .ac-textInput::placeholder { color: #707070; }
  .ac-choiceSetInput-expanded, .ac-choiceSetInput-multiSelect { gap: 6px; }
  .ac-choiceSetInput-expanded label, .ac-choiceSetInput-multiSelect label { font-size: 14px; color: #242424; }
  input[type=radio], input[type=checkbox] { accent-color: #5B5FC7; width: 16px; height: 16px; margin: 2px 8px 0 0; }
`;
