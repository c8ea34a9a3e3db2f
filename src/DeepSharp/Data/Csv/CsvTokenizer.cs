using System.Text;

namespace DeepSharp.Data;

/// <summary>One CSV field: its text (unquoted fields trimmed of spaces and tabs), the 1-based
/// line where it starts, and whether it was quoted.</summary>
internal readonly record struct CsvField(string Text, int Line, bool Quoted);

/// <summary>
/// Splits CSV text into records (RFC 4180 style): quoted fields may hold delimiters, line breaks
/// and doubled quotes; CR, LF and CRLF all end a line; blank lines are skipped.
/// </summary>
internal sealed class CsvTokenizer(TextReader reader, char delimiter, string source)
{
    private readonly char[] _buffer = new char[1 << 14];
    private readonly StringBuilder _text = new();
    private int _pos, _len;
    private int _line = 1;
    private bool _started;

    /// <summary>The 1-based line the next record starts on (after skipping blank lines).</summary>
    public int Line => _line;

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of input.</summary>
    public bool ReadRecord(List<CsvField> fields)
    {
        fields.Clear();
        if (!_started)
        {
            _started = true;
            if (Peek() == '\uFEFF') _pos++;
        }
        while (true)
        {
            int c = Peek();
            if (c < 0) return false;
            if (c is '\r' or '\n') ConsumeNewline();
            else break;
        }
        while (true)
        {
            SkipBlanks();
            int line = _line;
            _text.Clear();
            if (Peek() == '"')
            {
                _pos++;
                ReadQuoted(line);
                SkipBlanks();
                int after = Peek();
                if (after >= 0 && after != delimiter && after is not ('\r' or '\n'))
                    throw new DataFormatException(source,
                        $"expected a delimiter or line end after the closing quote, found '{(char)after}'.", line: _line, column: fields.Count + 1);
                fields.Add(new CsvField(_text.ToString(), line, Quoted: true));
            }
            else
            {
                ReadUnquoted();
                fields.Add(new CsvField(_text.ToString().TrimEnd(' ', '\t'), line, Quoted: false));
            }
            int c = Peek();
            if (c == delimiter)
            {
                _pos++;
                continue;
            }
            if (c >= 0) ConsumeNewline();
            return true;
        }
    }

    private void ReadQuoted(int openLine)
    {
        while (true)
        {
            int c = Peek();
            if (c < 0)
                throw new DataFormatException(source, $"unterminated quoted field opened on line {openLine}: expected a closing quote, found the end of the file.", line: openLine);
            if (c == '"')
            {
                _pos++;
                if (Peek() != '"') return;
                _pos++;
                _text.Append('"');
            }
            else if (c is '\r' or '\n')
            {
                ConsumeNewline();
                _text.Append('\n');
            }
            else
            {
                _pos++;
                _text.Append((char)c);
            }
        }
    }

    private void ReadUnquoted()
    {
        while (true)
        {
            int c = Peek();
            if (c < 0 || c == delimiter || c is '\r' or '\n') return;
            _pos++;
            _text.Append((char)c);
        }
    }

    private void SkipBlanks()
    {
        while (true)
        {
            int c = Peek();
            if (c != delimiter && c is ' ' or '\t') _pos++;
            else return;
        }
    }

    private void ConsumeNewline()
    {
        int c = Peek();
        _pos++;
        if (c == '\r' && Peek() == '\n') _pos++;
        _line++;
    }

    private int Peek()
    {
        if (_pos < _len) return _buffer[_pos];
        _len = reader.Read(_buffer, 0, _buffer.Length);
        _pos = 0;
        return _len > 0 ? _buffer[0] : -1;
    }
}
