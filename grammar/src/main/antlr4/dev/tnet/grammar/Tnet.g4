/*
 * The .tnet language (docs/language.md). Newlines are plain whitespace: a statement ends where
 * the next one begins (an identifier never continues an expression), so long expressions and
 * pipelines wrap freely.
 */
grammar Tnet;

file : decl* EOF ;

decl
  : IMPORT STRING                                              # importDecl
  | kind=(MODEL | BLOCK) name=ID LPAREN paramList? RPAREN body  # defDecl
  ;

paramList : param (COMMA param)* COMMA? ;
param : name=ID (COLON typeRef)? (ASSIGN expr)? ;
typeRef : name=ID (LBRACK (expr (COMMA expr)*)? RBRACK)? ;

body : LBRACE stmt* RBRACE ;

stmt
  : ID (COMMA ID)* ASSIGN expr SEMI?                          # assignStmt
  | RETURN returnItem (COMMA returnItem)* SEMI?                # returnStmt
  | IF expr body (ELIF expr body)* (ELSE body)?                # ifStmt
  | FOR ID IN expr body                                        # forStmt
  ;

returnItem : (ID ASSIGN)? expr ;

expr : pipe (IF pipe ELSE expr)? ;

pipe : arith (PIPE stage)* ;

stage : ID (LPAREN argList? RPAREN)? (STAR INT)? naming? ;

arith
  : <assoc=right> arith op=POW arith                          # binaryExpr
  | op=(MINUS | PLUS) arith                                   # unaryExpr
  | arith op=(STAR | SLASH | DSLASH | PERCENT) arith          # binaryExpr
  | arith op=(PLUS | MINUS) arith                             # binaryExpr
  | arith op=(LT | LE | GT | GE | EQ | NE) arith              # binaryExpr
  | op=NOT arith                                              # unaryExpr
  | arith op=AND arith                                        # binaryExpr
  | arith op=OR arith                                         # binaryExpr
  | ID LPAREN argList? RPAREN naming?                         # callExpr
  | arith LBRACK expr RBRACK                                  # indexExpr
  | primary                                                   # primaryExpr
  ;

argList : arg (COMMA arg)* COMMA? ;
arg : (ID ASSIGN)? expr ;

naming
  : AT namePath                                               # pathNaming
  | AT LPAREN ID ASSIGN namePath (COMMA ID ASSIGN namePath)* COMMA? RPAREN  # renameNaming
  ;
namePath : namePart (DOT namePart)* ;
namePart : (word | INT | FLOAT) (LBRACE expr RBRACE)* | (LBRACE expr RBRACE)+ ;
/** Any word, keywords included: parameter names come from other tools (PyTorch's model.0.conv). */
word : ID | MODEL | BLOCK | IMPORT | RETURN | IF | ELIF | ELSE | FOR | IN | AND | OR | NOT | TRUE | FALSE | NONE ;

primary
  : INT                                                       # intLit
  | FLOAT                                                     # floatLit
  | STRING                                                    # stringLit
  | (TRUE | FALSE)                                            # boolLit
  | NONE                                                      # noneLit
  | ID                                                        # nameRef
  | LPAREN expr RPAREN                                        # parens
  | LPAREN (expr COMMA (expr (COMMA expr)* COMMA?)?)? RPAREN  # tupleLit
  | LBRACK (expr (COMMA expr)* COMMA?)? RBRACK                # listLit
  ;

MODEL : 'model' ;
BLOCK : 'block' ;
IMPORT : 'import' ;
RETURN : 'return' ;
IF : 'if' ;
ELIF : 'elif' ;
ELSE : 'else' ;
FOR : 'for' ;
IN : 'in' ;
AND : 'and' ;
OR : 'or' ;
NOT : 'not' ;
TRUE : 'true' | 'True' ;
FALSE : 'false' | 'False' ;
NONE : 'none' | 'None' ;

PIPE : '|>' ;
POW : '**' ;
DSLASH : '//' ;
LE : '<=' ;
GE : '>=' ;
EQ : '==' ;
NE : '!=' ;
LT : '<' ;
GT : '>' ;
ASSIGN : '=' ;
PLUS : '+' ;
MINUS : '-' ;
STAR : '*' ;
SLASH : '/' ;
PERCENT : '%' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
LBRACE : '{' ;
RBRACE : '}' ;
COMMA : ',' ;
COLON : ':' ;
SEMI : ';' ;
DOT : '.' ;
AT : '@' ;

ID : [a-zA-Z_] [a-zA-Z_0-9]* ;
FLOAT : [0-9]+ '.' [0-9]+ EXPONENT? | [0-9]+ EXPONENT ;
INT : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? [0-9]+ ;
STRING : '"' (~["\\\r\n] | '\\' .)* '"' | '\'' (~['\\\r\n] | '\\' .)* '\'' ;

COMMENT : '#' ~[\r\n]* -> skip ;
WS : [ \t\r\n]+ -> skip ;
/** Anything else is one bad character, reported by the parser with its position. */
ERROR_CHAR : . ;
