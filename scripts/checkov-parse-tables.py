# Run by scripts/ensure-python.mjs with the checkov environment's Python: writes the JSONPath parse tables that
# checkov's bc_jsonpath_ng never writes. That library asks PLY (an LALR parser generator) for a parser on every
# JSONPath it parses, with write_tables=0, so PLY rebuilds the same LALR table each time: about 300 times, 70% of a
# checkov run over the generated Bicep. With the table module beside the grammar, PLY reads it instead. PLY checks
# the table's grammar signature before using it: a table that does not match (another bc_jsonpath_ng) is rebuilt and
# rewritten here, and checkov's results are the same either way.
import os
import sys

try:
    import ply.yacc
    from bc_jsonpath_ng import parser as base
    from bc_jsonpath_ng.ext import parser as ext
except ImportError:
    sys.exit(0)  # a checkov without bc_jsonpath_ng: nothing to prepare

for module, parser_class in ((base, base.JsonPathParser), (ext, ext.ExtentedJsonPathParser)):
    # The table module bc_jsonpath_ng asks for ("parser_jsonpath_parsetab"), in the package of the parser class.
    ply.yacc.yacc(
        module=parser_class(),
        tabmodule="parser_jsonpath_parsetab",
        outputdir=os.path.dirname(module.__file__),
        write_tables=True,
        start="jsonpath",
        debug=False,
        errorlog=ply.yacc.NullLogger(),
    )
