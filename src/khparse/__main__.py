from khparse.entry import main

main()
