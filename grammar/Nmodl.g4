// NMODL as real .mod files use it (the language of NEURON's nocmodl), plus Ranvier's CELL blocks
// NETWORK blocks. This grammar only recognises structure: names, units, limits and
// block-context rules are checked by compiler/sema. Only compiler/syntax sees the parse tree.
grammar Nmodl;

// ---------------------------------------------------------------------------------------------
// Top level

file : topItem* EOF ;

topItem
    : titleLine | commentBlock | verbatimBlock | includeStmt | defineStmt | unitsSwitch
    | neuronBlock | unitsBlock | declBlock | independentBlock | localStmt
    | initialBlock | breakpointBlock | namedBlock | functionBlock | procedureBlock
    | functionTableBlock | netReceiveBlock | constructorBlock | destructorBlock
    | beforeAfterBlock | cellBlock | networkBlock
    ;

titleLine    : TITLE_LINE ;
commentBlock : COMMENT_BLOCK ;
verbatimBlock: VERBATIM_BLOCK ;
includeStmt  : INCLUDE STRING ;
defineStmt   : DEFINE name signedNumber ;
unitsSwitch  : UNITSON | UNITSOFF ;

// ---------------------------------------------------------------------------------------------
// NEURON block: the interface of a mechanism to the simulator

neuronBlock : NEURON LBRACE neuronStmt* RBRACE ;

neuronStmt
    : kind=(SUFFIX | POINT_PROCESS | ARTIFICIAL_CELL) name representsClause?
    | USEION name useionClause*
    | kind=(NONSPECIFIC_CURRENT | ELECTRODE_CURRENT | RANGE | GLOBAL | POINTER | BBCOREPOINTER
           | EXTERNAL | RANDOM | SECTION) nameList
    | THREADSAFE nameList?
    | representsClause
    | commentBlock | verbatimBlock | unitsSwitch
    ;

useionClause
    : kind=(READ | WRITE) nameList
    | VALENCE signedNumber
    | representsClause
    ;

// REPRESENTS NCIT:C17145: the id holds a ':', which elsewhere starts a comment, so the lexer
// takes keyword and id as one token.
representsClause : REPRESENTS_CLAUSE ;

nameList : name (COMMA? name)* ;

// ---------------------------------------------------------------------------------------------
// UNITS and declaration blocks

unitsBlock : UNITS LBRACE unitsItem* RBRACE ;

unitsItem
    : unit ASSIGN unit                              // (mV) = (millivolt)
    | name ASSIGN unit ARROW? unit?                 // FARADAY = (faraday) (coulomb), x = (a) -> (b)
    | name ASSIGN signedNumber unit?                // KTOMV = .0853 (mV/degC)
    | commentBlock | unitsSwitch
    ;

declBlock : kind=(PARAMETER | ASSIGNED | STATE | CONSTANT | DEPENDENT) LBRACE declItem* RBRACE ;

declItem : declaration | commentBlock | verbatimBlock | unitsSwitch ;

// The unit, range, START value and limits may come in any order (nacum.mod writes START first).
declaration
    : name arraySize? (ASSIGN signedNumber)? (unit | fromTo | startValue | limits)*
    ;

arraySize  : LBRACKET (NUMBER | name) RBRACKET ;
fromTo     : FROM signedNumber TO signedNumber ;
startValue : START signedNumber ;
limits     : LT signedNumber (COMMA signedNumber)? GT ;

independentBlock : INDEPENDENT LBRACE independentItem* RBRACE ;
independentItem
    : name (FROM signedNumber TO signedNumber WITH signedNumber)? startValue? unit?
      (SWEEP name)?
    | commentBlock
    ;

// A unit as written between parentheses: (mA/cm2), (1/ms), (/mM-ms), (k-mole), (1).
unit     : LPAREN unitAtom* RPAREN ;
unitAtom : ID | NUMBER | DIV | MINUS | PLUS | MUL | POW | DOT ;

signedNumber : (MINUS | PLUS)? NUMBER ;

// ---------------------------------------------------------------------------------------------
// Procedural blocks

initialBlock    : INITIAL stmtBlock ;
breakpointBlock : BREAKPOINT stmtBlock ;

namedBlock
    : kind=(DERIVATIVE | KINETIC | LINEAR | NONLINEAR | DISCRETE | PARTIAL) name
      (SOLVEFOR nameList)? stmtBlock
    ;

functionBlock  : FUNCTION name LPAREN formalList? RPAREN unit? stmtBlock ;
procedureBlock : PROCEDURE name LPAREN formalList? RPAREN unit? stmtBlock ;
functionTableBlock : FUNCTION_TABLE name LPAREN formalList? RPAREN unit? ;
netReceiveBlock : NET_RECEIVE (LPAREN formalList? RPAREN)? stmtBlock ;
constructorBlock : CONSTRUCTOR stmtBlock ;
destructorBlock  : DESTRUCTOR stmtBlock ;
beforeAfterBlock : when=(BEFORE | AFTER) what=(BREAKPOINT | SOLVE | INITIAL | STEP) stmtBlock ;

formalList : formal (COMMA formal)* ;
formal     : name arraySize? unit? ;

// ---------------------------------------------------------------------------------------------
// CELL: one cell type. Its keywords (INSERT, AT, ...) are names everywhere else (see `name`).

cellBlock : CELL name LBRACE cellStmt* RBRACE ;

cellStmt
    : setting                                                               # cellSetting
    | SECTION sectionRef LBRACE sectionStmt* RBRACE                         # cellSection
    | MORPHOLOGY STRING                                                     # cellMorphology
    | INSERT name (IN sectionList)? settings?                               # cellInsert
    | kind=(POINT | SYNAPSE) name ASSIGN name AT location settings?         # cellPoint
    | DETECTOR (location THRESHOLD quantity | name)                         # cellDetector
    | STIMULUS (name ASSIGN)? name LPAREN stimulusArgs? RPAREN ARROW name
      connection?                                                           # cellStimulus
    | RECORD name (AT location | OF name) (EVERY quantity)?                 # cellRecord
    | ION name (IN sectionList)? settings                                   # cellIon
    | commentBlock                                                          # cellComment
    ;

sectionStmt  : PARENT location | setting | commentBlock ;
setting      : name ASSIGN quantity ;
settings     : LBRACE (setting | commentBlock)* RBRACE ;
quantity     : signedNumber unit? ;
sectionRef   : name (LBRACKET NUMBER RBRACKET)? ;
sectionList  : sectionRef (COMMA sectionRef)* ;
location     : sectionRef LPAREN signedNumber RPAREN ;
stimulusArgs : stimulusArg (COMMA stimulusArg)* ;
stimulusArg  : (name ASSIGN)? quantity ;
connection   : LBRACE (WEIGHT quantity (COMMA quantity)* | DELAY quantity | commentBlock)* RBRACE ;

// ---------------------------------------------------------------------------------------------
// NETWORK: populations of CELLs (or ARTIFICIAL_CELL mechanisms) and what connects, drives and
// records them. Its keywords (POPULATION, PROJECTION, RULE) are names elsewhere too.

networkBlock : NETWORK name LBRACE networkStmt* RBRACE ;

networkStmt
    : setting                                                               # networkSetting
    | POPULATION name ASSIGN name LBRACKET NUMBER RBRACKET parameters?      # networkPopulation
    | PROJECTION (name ASSIGN)? selection ARROW selection (DOT name)?
      projectionBody                                                        # networkProjection
    | STIMULUS (name ASSIGN)? name LPAREN netArgs? RPAREN ARROW selection
      (DOT name | AT location)? projectionBody?                              # networkStimulus
    | RECORD name (OF name)? FROM selection (COMMA selection)* (AT location)?
      (EVERY quantity)?                                                     # networkRecord
    | commentBlock                                                          # networkComment
    ;

// `exc`, `exc[3]` or `exc[0 TO 9]` (both ends included, as FROM .. TO).
selection      : name (LBRACKET NUMBER (TO NUMBER)? RBRACKET)? ;
parameters     : LBRACE (parameter | commentBlock)* RBRACE ;
parameter      : name (DOT name)? ASSIGN value ;
// A constant, or a distribution such as `normal(0.01, 0.002) (uS)`.
value          : quantity | name LPAREN netArgs? RPAREN unit? ;
netArgs        : netArg (COMMA netArg)* ;
netArg         : (name ASSIGN)? (quantity | STRING | name) ;
projectionBody : LBRACE (RULE name (LPAREN netArgs? RPAREN)? | WEIGHT value (COMMA value)*
                        | DELAY value | commentBlock)* RBRACE ;

// ---------------------------------------------------------------------------------------------
// Statements

stmtBlock : LBRACE statement* RBRACE ;

statement
    : localStmt
    | assignment
    | reaction
    | conserveStmt
    | compartmentStmt
    | ifStmt
    | whileStmt
    | fromStmt
    | forNetconsStmt
    | solveStmt
    | tableStmt
    | watchStmt
    | call
    | initialBlock
    | stmtBlock
    | PROTECT assignment
    | kind=(MUTEXLOCK | MUTEXUNLOCK | RESET)
    | lagStmt
    | conductanceStmt
    | SENS nameList
    | commentBlock
    | verbatimBlock
    | unitsSwitch
    ;

localStmt : LOCAL localName (COMMA localName)* ;
localName : name arraySize? ;

assignment : varRef ASSIGN expression ;

reaction
    : TILDE reactants op=REACT2 reactants LPAREN expression COMMA expression RPAREN   // A <-> B (kf, kb)
    | TILDE reactants op=ARROW reactants? LPAREN expression RPAREN                     // A -> B (kf), A -> (k)
    | TILDE reactant op=REACT1 LPAREN expression RPAREN                                // A << (flux)
    | TILDE expression op=ASSIGN expression                                            // LINEAR equation
    ;
reactants : reactant (PLUS reactant)* ;
reactant  : NUMBER? varRef
          | LPAREN NUMBER RPAREN varRef ;

conserveStmt    : CONSERVE expression ASSIGN expression ;
compartmentStmt : kind=(COMPARTMENT | LONGITUDINAL_DIFFUSION) (name COMMA)? expression
                  LBRACE varRef* RBRACE ;

ifStmt    : IF LPAREN expression RPAREN stmtBlock (ELSE (ifStmt | stmtBlock))? ;
whileStmt : WHILE LPAREN expression RPAREN stmtBlock ;
fromStmt  : FROM name ASSIGN expression TO expression (BY expression)? stmtBlock ;
forNetconsStmt : FOR_NETCONS LPAREN formalList? RPAREN stmtBlock ;

solveStmt : SOLVE name (METHOD method=name | STEADYSTATE steady=name)? (IFERROR stmtBlock)? ;

tableStmt : TABLE tabled=nameList? (DEPEND depend=nameList)?
            FROM expression TO expression WITH expression ;

watchStmt : WATCH watchItem (COMMA watchItem)* ;
watchItem : LPAREN expression RPAREN (signedNumber | name)? ;

lagStmt         : LAG name BY name ;
conductanceStmt : CONDUCTANCE name (USEION name)? ;

// ---------------------------------------------------------------------------------------------
// Expressions (precedence from tightest to loosest; ^ is right-associative and binds tighter
// than unary minus, so -x^2 is -(x^2) as in nocmodl; the rest is C's order, since nocmodl copies
// expressions into C: a == b < c is a == (b < c))

expression
    : primary                                                         # primaryExpr
    | <assoc=right> expression op=POW expression                      # binaryExpr
    | op=(MINUS | PLUS | NOT) expression                              # unaryExpr
    | expression op=(MUL | DIV) expression                            # binaryExpr
    | expression op=(PLUS | MINUS) expression                         # binaryExpr
    | expression op=(LT | GT | LE | GE) expression                    # binaryExpr
    | expression op=(EQ | NE) expression                              # binaryExpr
    | expression op=AND expression                                    # binaryExpr
    | expression op=OR expression                                     # binaryExpr
    ;

primary
    : NUMBER unit?
    | call
    | varRef
    | LPAREN expression RPAREN
    ;

call     : name LPAREN (argument (COMMA argument)*)? RPAREN ;
argument : expression | STRING ;

// x, x', x'', x[i], x'[i], x[i]', and x@1 (the previous value, in DISCRETE blocks)
varRef : name PRIME* (LBRACKET expression RBRACKET)? PRIME* (AT_SIGN NUMBER)? ;

// The words only CELL blocks use as keywords are names elsewhere: `AT`, `IN` or `RECORD` may be a
// variable of a .mod file.
name
    : ID | AT | DELAY | DETECTOR | EVERY | IN | INSERT | ION | MORPHOLOGY | OF | PARENT | POINT
    | POPULATION | PROJECTION | RECORD | RULE | STIMULUS | SYNAPSE | THRESHOLD | WEIGHT
    ;

// ---------------------------------------------------------------------------------------------
// Lexer

TITLE_LINE     : 'TITLE' ([ \t] ~[\r\n]*)? ;
REPRESENTS_CLAUSE : 'REPRESENTS' [ \t]+ [A-Za-z_] [A-Za-z0-9_]* (':' [A-Za-z0-9_]+)? ;
COMMENT_BLOCK  : 'COMMENT' .*? 'ENDCOMMENT' ;
VERBATIM_BLOCK : 'VERBATIM' .*? 'ENDVERBATIM' ;
LINE_COMMENT   : [:?] ~[\r\n]* -> channel(HIDDEN) ;
WS             : [ \t\r\n\f]+ -> channel(HIDDEN) ;

AFTER : 'AFTER' ;
// CELL and NETWORK keywords (names elsewhere)
AT : 'AT' ;
DELAY : 'DELAY' ;
DETECTOR : 'DETECTOR' ;
EVERY : 'EVERY' ;
IN : 'IN' ;
INSERT : 'INSERT' ;
ION : 'ION' ;
MORPHOLOGY : 'MORPHOLOGY' ;
OF : 'OF' ;
PARENT : 'PARENT' ;
POINT : 'POINT' ;
POPULATION : 'POPULATION' ;
PROJECTION : 'PROJECTION' ;
RECORD : 'RECORD' ;
RULE : 'RULE' ;
STIMULUS : 'STIMULUS' ;
SYNAPSE : 'SYNAPSE' ;
THRESHOLD : 'THRESHOLD' ;
WEIGHT : 'WEIGHT' ;
// NMODL keywords
ARTIFICIAL_CELL : 'ARTIFICIAL_CELL' ;
ASSIGNED : 'ASSIGNED' ;
BBCOREPOINTER : 'BBCOREPOINTER' ;
BEFORE : 'BEFORE' ;
BREAKPOINT : 'BREAKPOINT' ;
BY : 'BY' ;
CELL : 'CELL' ;
COMPARTMENT : 'COMPARTMENT' ;
CONDUCTANCE : 'CONDUCTANCE' ;
CONSERVE : 'CONSERVE' ;
CONSTANT : 'CONSTANT' ;
CONSTRUCTOR : 'CONSTRUCTOR' ;
DEFINE : 'DEFINE' ;
DEPEND : 'DEPEND' ;
DEPENDENT : 'DEPENDENT' ;
DERIVATIVE : 'DERIVATIVE' ;
DESTRUCTOR : 'DESTRUCTOR' ;
DISCRETE : 'DISCRETE' ;
ELECTRODE_CURRENT : 'ELECTRODE_CURRENT' ;
ELSE : 'ELSE' | 'else' ;
EXTERNAL : 'EXTERNAL' ;
FOR_NETCONS : 'FOR_NETCONS' ;
FROM : 'FROM' ;
FUNCTION : 'FUNCTION' ;
FUNCTION_TABLE : 'FUNCTION_TABLE' ;
GLOBAL : 'GLOBAL' ;
IF : 'IF' | 'if' ;
IFERROR : 'IFERROR' ;
INCLUDE : 'INCLUDE' ;
INDEPENDENT : 'INDEPENDENT' ;
INITIAL : 'INITIAL' ;
KINETIC : 'KINETIC' ;
LAG : 'LAG' ;
LINEAR : 'LINEAR' ;
LOCAL : 'LOCAL' ;
LONGITUDINAL_DIFFUSION : 'LONGITUDINAL_DIFFUSION' ;
METHOD : 'METHOD' ;
MUTEXLOCK : 'MUTEXLOCK' ;
MUTEXUNLOCK : 'MUTEXUNLOCK' ;
NET_RECEIVE : 'NET_RECEIVE' ;
NETWORK : 'NETWORK' ;
NEURON : 'NEURON' ;
NONLINEAR : 'NONLINEAR' ;
NONSPECIFIC_CURRENT : 'NONSPECIFIC_CURRENT' ;
PARAMETER : 'PARAMETER' ;
PARTIAL : 'PARTIAL' ;
POINT_PROCESS : 'POINT_PROCESS' ;
POINTER : 'POINTER' ;
PROCEDURE : 'PROCEDURE' ;
PROTECT : 'PROTECT' ;
RANDOM : 'RANDOM' ;
RANGE : 'RANGE' ;
READ : 'READ' ;
REPRESENTS : 'REPRESENTS' ;
RESET : 'RESET' ;
SECTION : 'SECTION' ;
SENS : 'SENS' ;
SOLVE : 'SOLVE' ;
SOLVEFOR : 'SOLVEFOR' ;
START : 'START' ;
STATE : 'STATE' ;
STEADYSTATE : 'STEADYSTATE' ;
STEP : 'STEP' ;
SUFFIX : 'SUFFIX' ;
SWEEP : 'SWEEP' ;
TABLE : 'TABLE' ;
THREADSAFE : 'THREADSAFE' ;
TO : 'TO' ;
UNITS : 'UNITS' ;
UNITSOFF : 'UNITSOFF' ;
UNITSON : 'UNITSON' ;
USEION : 'USEION' ;
VALENCE : 'VALENCE' ;
WATCH : 'WATCH' ;
WHILE : 'WHILE' | 'while' ;
WITH : 'WITH' ;
WRITE : 'WRITE' ;

// COMMENT and VERBATIM without their END keyword: never names, always an error (found by the
// fuzzer: `k = 5COMMENT` read COMMENT as a declaration that printed back differently).
UNTERMINATED_BLOCK : 'COMMENT' | 'VERBATIM' ;

NUMBER : DIGITS ('.' DIGITS?)? EXPONENT? | '.' DIGITS EXPONENT? ;
fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;

ID     : [a-zA-Z_] [a-zA-Z0-9_]* ;
STRING : '"' ~["\r\n]* '"' ;

REACT2 : '<->' ;
REACT1 : '<<' ;
ARROW  : '->' ;
LE : '<=' ;
GE : '>=' ;
EQ : '==' ;
NE : '!=' ;
AND : '&&' ;
OR : '||' ;
LT : '<' ;
GT : '>' ;
NOT : '!' ;
ASSIGN : '=' ;
PLUS : '+' ;
MINUS : '-' ;
MUL : '*' ;
DIV : '/' ;
POW : '^' ;
DOT : '.' ;
TILDE : '~' ;
AT_SIGN : '@' ;
PRIME : '\'' ;
COMMA : ',' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACE : '{' ;
RBRACE : '}' ;
LBRACKET : '[' ;
RBRACKET : ']' ;

// Anything else is one bad character: the parser reports it with its location.
BAD_CHAR : . ;
